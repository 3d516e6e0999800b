import { describe, expect, it } from 'vitest';
import { awsSetupHint, readAwsFailure } from './aws-failure.js';

/** Errors shaped as the AWS SDK v3 throws them (service exceptions carry $fault and $metadata). */
function serviceError(name: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'REQ1', extendedRequestId: 'EXT1', attempts: 3 },
    ...extra,
  });
}

describe('readAwsFailure', () => {
  it('reads an AWS answer: name, status, request ids, attempts, facts', () => {
    const f = readAwsFailure(serviceError('AccessDenied', 403));
    expect(f).toMatchObject({
      name: 'AccessDenied',
      what: 'AccessDenied',
      answered: true,
      status: 403,
      requestId: 'REQ1',
      extendedRequestId: 'EXT1',
      attempts: 3,
    });
    expect(f.facts).toBe('HTTP 403, request id REQ1');
    expect(f.message).toBe('AccessDenied happened');
    expect(f.transient).toBe(false);
  });

  it("prefers S3's Code to the error name", () => {
    expect(readAwsFailure(serviceError('S3ServiceException', 404, { Code: 'NoSuchBucket' })).name).toBe('NoSuchBucket');
  });

  it('names a bare network failure by its code, not answered, transient', () => {
    const f = readAwsFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    expect(f).toMatchObject({ name: 'Error', networkCode: 'ECONNREFUSED', what: 'ECONNREFUSED', answered: false, transient: true, facts: '' });
    expect(f.status).toBeUndefined();
  });

  it('is transient for 429 and 5xx but not 501, and whenever the SDK marks it retryable', () => {
    expect(readAwsFailure(serviceError('SlowDown', 503)).transient).toBe(true);
    expect(readAwsFailure(serviceError('TooManyRequests', 429)).transient).toBe(true);
    expect(readAwsFailure(serviceError('NotImplemented', 501)).transient).toBe(false);
    expect(readAwsFailure(serviceError('ThrottlingException', 400, { $retryable: { throttling: true } })).transient).toBe(true);
    expect(readAwsFailure(serviceError('ValidationException', 400)).transient).toBe(false);
  });

  it('copes with things that are not errors', () => {
    expect(readAwsFailure('boom')).toMatchObject({ name: 'Error', what: 'Error', message: 'boom', answered: false, transient: false });
    expect(readAwsFailure(undefined).message).toBe('undefined');
  });
});

describe('awsSetupHint', () => {
  it('names what is missing when the SDK found no credentials or no region, and nothing otherwise', () => {
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(awsSetupHint(readAwsFailure(noCredentials))).toContain('no AWS credentials found');
    // What the SDK's region resolution throws when neither config nor the environment names one.
    expect(awsSetupHint(readAwsFailure(new Error('Region is missing')))).toBe(' — set `region` in the transport config or AWS_REGION');
    expect(awsSetupHint(readAwsFailure(Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })))).toBe('');
  });
});
