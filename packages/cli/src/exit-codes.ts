/** Exit codes (DESIGN.md §9). Scripts branch on these, so they never change meaning. */
export const EXIT_OK = 0;
/** Some event failed to send or to validate, or a facet naming rule was broken; the rest was still processed. */
export const EXIT_FAILED = 1;
/** Bad arguments or a configuration that cannot be used: nothing was attempted. */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILED | typeof EXIT_USAGE;
