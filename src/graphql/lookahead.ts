/**
 * Reading ahead in the selection: which arguments a child field was asked with, so a parent can fetch
 * the child's rows in its own statement (one round trip instead of two on hot single-object reads).
 */
import {
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";
import { getArgumentValues } from "graphql/execution/values";

/**
 * `field` selected on objects of `typeName` under the current field, with its arguments, when it is
 * selected exactly once (aliases with different arguments would need several reads); otherwise null.
 */
export function childField(
  info: GraphQLResolveInfo,
  typeName: string,
  field: string,
): { args: Record<string, unknown>; node: FieldNode } | null {
  const type = info.schema.getType(typeName);
  if (!type || !isObjectType(type)) return null;
  const definition = type.getFields()[field];
  if (!definition) return null;
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === field) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition?.name.value;
        if (!on || on === typeName || getNamedType(info.returnType).name === on)
          visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = info.fragments[selection.name.value];
        const on = fragment?.typeCondition.name.value;
        if (fragment && (on === typeName || getNamedType(info.returnType).name === on))
          visit(fragment.selectionSet, new Set(seen).add(selection.name.value));
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  if (found.length !== 1 || found[0].directives?.length) return null;
  try {
    return { args: getArgumentValues(definition, found[0], info.variableValues), node: found[0] };
  } catch {
    return null; // invalid arguments: the field's own resolver reports them
  }
}

/**
 * The fields selected on the items of the connection being resolved (under `nodes` and `edges.node`),
 * or, with `within`, on the items' `within` object; null when the selection cannot be read exactly
 * (then every column is needed). `connection` names another connection field to read instead.
 */
export function selectedItemFields(
  info: GraphQLResolveInfo,
  within?: string,
  connection: readonly FieldNode[] = info.fieldNodes,
): Set<string> | null {
  const fields = new Set<string>();
  let exact = true;
  const collect = (set: SelectionSetNode | undefined, into: (field: FieldNode) => void) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) into(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, into);
      else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) collect(fragment.selectionSet, into);
        else exact = false;
      }
    }
  };
  const item = within
    ? (field: FieldNode) => {
        if (field.name.value === within) collect(field.selectionSet, (inner) => fields.add(inner.name.value));
      }
    : (field: FieldNode) => fields.add(field.name.value);
  for (const node of connection) {
    collect(node.selectionSet, (field) => {
      if (field.name.value === "nodes") collect(field.selectionSet, item);
      else if (field.name.value === "edges")
        collect(field.selectionSet, (edge) => edge.name.value === "node" && collect(edge.selectionSet, item));
    });
  }
  return exact ? fields : null;
}
