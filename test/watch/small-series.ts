// Small hand-written patch mail for the watch command tests, on a tree with one Kconfig file.

/** Patch `index`/`total` of revision `version` by Ada; its context is not in the tree, so it does not apply. */
export function patchMail(
  version: number,
  index: number,
  total: number,
  date: string,
  extra = '',
): string {
  const v = version === 1 ? '' : ` v${version}`;
  return [
    `From mboxrd@z Thu Jan  1 00:00:00 1970`,
    'From: Ada Lovelace <ada@example.org>',
    'To: linux-kbuild@vger.kernel.org',
    `Subject: [${extra}PATCH${v} ${index}/${total}] kconfig: change ${index}`,
    `Date: ${date}`,
    `Message-ID: <${extra === '' ? '' : 'resend-'}v${version}-${index}@example.org>`,
    ...(index > 1
      ? [`In-Reply-To: <v${version}-1@example.org>`, `References: <v${version}-1@example.org>`]
      : []),
    '',
    `Change ${index}.`,
    '',
    'Signed-off-by: Ada Lovelace <ada@example.org>',
    '---',
    'diff --git a/Kconfig b/Kconfig',
    '--- a/Kconfig',
    '+++ b/Kconfig',
    '@@ -1,2 +1,2 @@',
    ' config BAR',
    `-\tbool "bar ${index}"`,
    `+\tbool "bar ${index + 1}"`,
    '-- ',
    '2.39.5',
    '',
    '',
  ].join('\n');
}
