/** An operation's implementation: validated input in, the model's output structure out. */
export type Handler = (input: Input, env: Env) => Promise<Record<string, unknown>>;

/** A validated operation input (shape checked against the model before the handler runs). */
export type Input = Record<string, unknown> & { meshName?: string; meshOwner?: string; clientToken?: string };
