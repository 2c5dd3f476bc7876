// How Defender's software inventory names software it has no CPE for: the installer's publisher and
// display name, lower-cased, with spaces turned into underscores and everything else kept
// ("Intel® Software Installer" becomes `intel®_software_installer`, "Anthropic PBC" `anthropic_pbc`,
// "Cursor (User)" `cursor_(user)`). Source: the examples of the non-CPE inventory API,
// https://learn.microsoft.com/defender-endpoint/api/get-assessment-non-cpe-software-inventory
// (MicrosoftDocs/defender-docs defender-endpoint/api/get-assessment-non-cpe-software-inventory.md).
// Inferred: that punctuation ("," "." "(" ")") is kept as is; the documented examples keep "®".

export function defenderToken(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, "_");
}
