// Chooses the architectures a derived matrix runs on: the first candidate always, then each
// candidate whose base configuration gives a different value to some dependency that no user
// can set (GENERIC_ATOMIC64 is y only on some 32-bit CPUs, 64BIT, MMU, …).
import { readConfigValues, tristateOf } from './matrix/config-text.ts';

/** An architecture and the defconfig it starts from (its KBUILD_DEFCONFIG when undefined). */
export interface ArchProfile {
  readonly arch: string;
  readonly defconfig: string | undefined;
}

/** The profiles kreview tries, in order: 64-bit first, then 32-bit ones with other CPU features. */
export const DEFAULT_PROFILES: readonly ArchProfile[] = [
  { arch: 'x86_64', defconfig: undefined },
  // 32-bit ARMv5: no 64-bit atomics in hardware (GENERIC_ATOMIC64=y), no LPAE, …
  { arch: 'arm', defconfig: 'versatile_defconfig' },
  { arch: 'arm64', defconfig: undefined },
];

/** Evaluates one profile's base .config on the after-tree; undefined when it cannot be made. */
export type BaseConfigOf = (profile: ArchProfile) => Promise<string | undefined>;

/**
 * Picks at most `max` profiles, one per arch, that differ in the given fixed symbols. Returns
 * the first profile alone when nothing differs, or when there are no fixed symbols.
 */
export async function chooseArches(
  fixedSymbols: readonly string[],
  profiles: readonly ArchProfile[],
  baseConfigOf: BaseConfigOf,
  max: number,
): Promise<{ chosen: ArchProfile[]; reason: string }> {
  const [first] = profiles;
  if (first === undefined) return { chosen: [], reason: 'no architecture to try' };
  if (fixedSymbols.length === 0)
    return { chosen: [first], reason: 'no dependency differs between architectures' };
  const chosen: { profile: ArchProfile; key: string }[] = [];
  for (const profile of profiles) {
    if (chosen.length >= max) break;
    if (chosen.some((c) => c.profile.arch === profile.arch)) continue;
    const config = await baseConfigOf(profile);
    if (config === undefined) continue;
    const values = readConfigValues(config);
    const key = fixedSymbols.map((s) => `${s}=${tristateOf(values, s)}`).join(' ');
    if (chosen.length === 0 || !chosen.some((c) => c.key === key)) chosen.push({ profile, key });
  }
  const reason = chosen.map((c) => `${label(c.profile)}: ${c.key}`).join('; ');
  return { chosen: chosen.map((c) => c.profile), reason };
}

/** `arm (versatile_defconfig)` or `x86_64`. */
export function label(profile: ArchProfile): string {
  return profile.defconfig === undefined ? profile.arch : `${profile.arch} (${profile.defconfig})`;
}
