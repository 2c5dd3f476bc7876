/**
 * CycloneDX 1.6 JSON documents of AI coding agents (an "AI bill of materials"), built with the
 * CycloneDX project's own JavaScript library (@cyclonedx/cyclonedx-library) so the output follows its
 * schema: the subject (a device, or the tenant's fleet) is `metadata.component`; each agent is an
 * `application` component with its version, its vendor as publisher, and as properties (namespace
 * `agent-inventory:`) its catalog key, category, channel, the tenant's policy and the evidence that
 * found it. MCP servers, once inventoried, belong in the document's `services`.
 */
import { randomUUID } from "node:crypto";
import * as CDX from "@cyclonedx/cyclonedx-library";
import type { AgentPolicyValue } from "../model/enums";
import type { EvidenceRecord } from "../model/installation.entity";
import type { AgentRow, DeviceRow } from "../store";

const PROPERTY = "agent-inventory";
const TOOL_NAME = "agent-inventory";

/** An agent as one component: one installation (device document), or one agent/version/channel (tenant). */
export interface BomAgent {
  /** Unique within the document (its bom-ref). */
  ref: string;
  agent: AgentRow;
  policy: AgentPolicyValue | null;
  channel: string;
  version: string | null;
  /** The evidence records (device document) or just the sources that found it (tenant document). */
  evidence: Array<Pick<EvidenceRecord, "source"> & Partial<Pick<EvidenceRecord, "identifiers">>>;
  /** Extra facts, e.g. the user it belongs to, or how many devices have it. */
  facts: Array<[name: string, value: string]>;
}

export interface BomSubject {
  tenantName: string;
  /** The device the document describes; null for the tenant's whole fleet. */
  device: DeviceRow | null;
}

const serializer = new CDX.Serialize.JsonSerializer(
  new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6),
);

const property = (name: string, value: string) => new CDX.Models.Property(`${PROPERTY}:${name}`, value);

function component(item: BomAgent): CDX.Models.Component {
  const properties = [
    property("agent.key", item.agent.key),
    property("agent.category", item.agent.category),
    property("channel", item.channel),
    property("policy", item.policy ?? "NONE"),
    ...item.facts.map(([name, value]) => property(name, value)),
    ...item.evidence.map((e) =>
      property("evidence", e.identifiers ? `${e.source} ${JSON.stringify(e.identifiers)}` : e.source),
    ),
  ];
  return new CDX.Models.Component(CDX.Enums.ComponentType.Application, item.agent.name, {
    bomRef: item.ref,
    version: item.version ?? undefined,
    publisher: item.agent.vendor,
    properties: new CDX.Models.PropertyRepository(properties),
  });
}

/** The document as JSON text (one serial number per document, as the specification asks). */
export function cycloneDxDocument(subject: BomSubject, agents: Iterable<BomAgent>): string {
  const bom = new CDX.Models.Bom({ serialNumber: `urn:uuid:${randomUUID()}` });
  bom.metadata.timestamp = new Date();
  bom.metadata.tools.components.add(new CDX.Models.Component(CDX.Enums.ComponentType.Application, TOOL_NAME));
  const { device } = subject;
  bom.metadata.component = device
    ? new CDX.Models.Component(CDX.Enums.ComponentType.Device, device.name, {
        bomRef: `device:${device.id}`,
        properties: new CDX.Models.PropertyRepository([
          property("tenant", subject.tenantName),
          property("device.defenderId", device.defenderId),
          ...(device.osPlatform ? [property("device.osPlatform", device.osPlatform)] : []),
          ...(device.osVersion ? [property("device.osVersion", device.osVersion)] : []),
        ]),
      })
    : new CDX.Models.Component(CDX.Enums.ComponentType.Platform, subject.tenantName, {
        bomRef: "tenant",
        description: "The AI coding agents found across the tenant's devices",
      });
  for (const item of agents) bom.components.add(component(item));
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}
