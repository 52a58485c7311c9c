/** The `*Ref` of list outputs: names plus the metadata fields, without spec or status. */
export function refOf(data: object): Record<string, unknown> {
  const { spec: _spec, status: _status, metadata, ...names } = data as { spec: unknown; status: unknown; metadata: unknown };
  const { uid: _uid, ...rest } = metadata as Record<string, unknown>;
  return { ...names, ...rest };
}
