/** The troubleshooting checks of `Tenant.diagnostics` (their enums are the services'). */
import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { DiagnosticCategory, DiagnosticStatus } from "../../model/enums";
import { described } from "./enums";

registerEnumType(DiagnosticStatus, {
  name: "DiagnosticStatus",
  description: "How a troubleshooting check came out.",
  valuesConfig: described<DiagnosticStatus>({
    OK: "Nothing to do.",
    WARNING: "Works, but something limits what the inventory sees: the message says what to do.",
    ERROR: "Discovery does not work until this is fixed: the message says how.",
  }),
});
registerEnumType(DiagnosticCategory, {
  name: "DiagnosticCategory",
  description:
    "The question a check answers: permissions, discovery, device coverage, or automation (webhooks).",
  valuesConfig: described<DiagnosticCategory>({
    PERMISSIONS: "Does the consented token carry every permission the service needs?",
    DISCOVERY: "Do syncs run, and do they read every source?",
    COVERAGE: "How many devices report the data detection needs?",
    AUTOMATION: "Do the tenant's webhooks deliver, or has one been disabled after failing?",
  }),
});

@ObjectType("DiagnosticFigure", { description: "A number behind a diagnostic check." })
export class DiagnosticFigureType {
  @Field({ description: "What is counted, e.g. `devicesWithoutSoftwareData`." })
  name!: string;

  @Field(() => Float, { description: "The value (counts, percentages or hours, as the name says)." })
  value!: number;
}

@ObjectType("DiagnosticCheck", {
  description: "One troubleshooting check of a tenant's integration and coverage.",
})
export class DiagnosticCheckType {
  @Field({
    description: "Stable identifier of the check, e.g. `permissions`, `hunting`, `coverage.software`.",
  })
  key!: string;

  @Field(() => DiagnosticCategory, { description: "The question the check answers." })
  category!: DiagnosticCategory;

  @Field(() => DiagnosticStatus, { description: "OK, WARNING or ERROR." })
  status!: DiagnosticStatus;

  @Field({ description: "What the check found, in a sentence for an administrator." })
  message!: string;

  @Field(() => [DiagnosticFigureType], { description: "The numbers behind the message." })
  figures!: DiagnosticFigureType[];
}
