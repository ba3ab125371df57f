/** The answers to the commands Kconfig macros run, recorded once from the base tree's toolchain. */
export interface ToolchainProfile {
  readonly commands: ReadonlyMap<string, { stdout: string; exitCode: number }>;
}

/** A profile with no recorded commands: every command is unanswered and fails. */
export function emptyProfile(): ToolchainProfile {
  return { commands: new Map() };
}
