/** The bundled compose-spec JSON schema (data; see schema/SOURCE.md) and how to walk it. Pure. */
import schemaJson from './schema/compose-spec.json';

/** The part of JSON Schema the compose schema uses. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  deprecated?: boolean;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  uniqueItems?: boolean;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  oneOf?: JsonSchema[];
  default?: unknown;
  definitions?: Record<string, JsonSchema>;
}

export const composeSchema = schemaJson as unknown as JsonSchema;

/** Follows `$ref: #/definitions/…` (the only kind the compose schema has). */
export function resolveRef(schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let hops = 0; s.$ref && hops < 16; hops++) {
    const name = s.$ref.replace(/^#\/definitions\//, '');
    s = composeSchema.definitions?.[name] ?? {};
  }
  return s;
}
