import { ConfigError } from '@ol/core';
import { codeScope } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import { kafkaProperties, parseMskIamConfig } from './config.js';

const props = { 'bootstrap.servers': 'b-1.msk.example.com:9098' };
const parse = (raw: Record<string, unknown>, env: Record<string, string> = {}) => parseMskIamConfig(raw, { ...codeScope(['transport']), env });

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseMskIamConfig (the Python MSKIAMConfig)', () => {
  it('the kafka options plus region, aws_profile, role_arn and aws_debug_creds (snake or camel case)', () => {
    const snake = parse({
      topic: 't',
      config: props,
      region: 'eu-west-1',
      aws_profile: 'lineage',
      role_arn: 'arn:aws:iam::123456789012:role/ol',
      aws_debug_creds: 'true',
      message_key: 'k',
      flush: false,
    });
    const camel = parse({
      topic: 't',
      config: props,
      region: 'eu-west-1',
      awsProfile: 'lineage',
      roleArn: 'arn:aws:iam::123456789012:role/ol',
      awsDebugCreds: true,
      messageKey: 'k',
      flush: false,
    });
    expect(snake).toEqual(camel);
    expect(snake).toEqual({
      topic: 't',
      config: props,
      messageKey: 'k',
      flush: false,
      region: 'eu-west-1',
      regionFrom: 'config',
      awsProfile: 'lineage',
      roleArn: 'arn:aws:iam::123456789012:role/ol',
      awsDebugCreds: true,
    });
  });

  it('defaults: flush true, no debug identity call, no profile or role', () => {
    expect(parse({ topic: 't', config: props, region: 'us-east-1' })).toEqual({
      topic: 't',
      config: props,
      flush: true,
      region: 'us-east-1',
      regionFrom: 'config',
      awsDebugCreds: false,
    });
  });

  it('region from AWS_REGION, then AWS_DEFAULT_REGION, of the given environment; config wins', () => {
    expect(parse({ topic: 't', config: props }, { AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'us-west-2' })).toMatchObject({
      region: 'eu-central-1',
      regionFrom: 'AWS_REGION',
    });
    expect(parse({ topic: 't', config: props }, { AWS_DEFAULT_REGION: 'us-west-2' })).toMatchObject({ region: 'us-west-2', regionFrom: 'AWS_DEFAULT_REGION' });
    expect(parse({ topic: 't', config: props, region: 'ap-south-1' }, { AWS_REGION: 'eu-central-1' })).toMatchObject({
      region: 'ap-south-1',
      regionFrom: 'config',
    });
  });

  it('no region anywhere: ConfigError naming region and both variables', () => {
    const e = configError(() => parse({ topic: 't', config: props }, { AWS_REGION: ' ' }));
    expect(e.path).toBe('transport.region');
    expect(e.message).toContain('AWS_REGION');
    expect(e.message).toContain('AWS_DEFAULT_REGION');
  });

  it('a malformed region names its source; so does a malformed role ARN', () => {
    expect(configError(() => parse({ topic: 't', config: props, region: 'Europe' })).path).toBe('transport.region');
    const fromEnv = configError(() => parse({ topic: 't', config: props }, { AWS_REGION: 'eu west 1' }));
    expect(fromEnv.source).toBe('AWS_REGION');
    expect(configError(() => parse({ topic: 't', config: props, region: 'eu-west-1', role_arn: 'lineage-role' })).path).toBe('transport.role_arn');
  });

  it('kafka options are checked as the kafka transport checks them', () => {
    expect(configError(() => parse({ config: props, region: 'eu-west-1' })).path).toBe('transport.topic');
    expect(configError(() => parse({ topic: 't', region: 'eu-west-1' })).path).toBe('transport.config');
  });

  it('security.protocol / sasl.mechanism may be written as Python configs do, but only as SASL_SSL / OAUTHBEARER', () => {
    const ok = parse({ topic: 't', config: { ...props, 'security.protocol': 'sasl_ssl', 'sasl.mechanism': 'OAUTHBEARER' }, region: 'eu-west-1' });
    expect(kafkaProperties(ok)).toEqual({ ...props, 'security.protocol': 'SSL' });
    const e = configError(() => parse({ topic: 't', config: { ...props, 'security.protocol': 'PLAINTEXT' }, region: 'eu-west-1' }));
    expect(e.path).toBe('transport.config.security.protocol');
    expect(e.message).toContain('SASL_SSL');
    expect(configError(() => parse({ topic: 't', config: { ...props, 'sasl.mechanisms': 'PLAIN' }, region: 'eu-west-1' })).path).toBe(
      'transport.config.sasl.mechanisms',
    );
  });
});
