// The field corpus: how each AI coding agent, installed each way it really is, shows up in Defender
// data, and what shares its name without being it. Independent of the catalog on purpose: the
// simulator plants from it and tests measure the catalog against it. Product code never imports it.
// Sources and limits: docs/detection-sources.md.
import { CLI_RECORDS } from "./clis";
import { DESKTOP_RECORDS } from "./desktop";
import { EXTENSION_RECORDS } from "./extensions";
import { LOOK_ALIKE_RECORDS } from "./look-alikes";
import type { FieldRecord, LookAlikeRecord } from "./types";

export const FIELD_RECORDS: readonly FieldRecord[] = [
  ...DESKTOP_RECORDS,
  ...CLI_RECORDS,
  ...EXTENSION_RECORDS,
];
export const LOOK_ALIKES: readonly LookAlikeRecord[] = LOOK_ALIKE_RECORDS;

export { defenderToken } from "./inventory";
export { SHELLS } from "./layouts";
export * from "./render";
export type * from "./types";
