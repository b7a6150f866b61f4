/**
 * A refused EventBridge call, named as AWS names the exception (`ValidationException`, `ResourceNotFoundException`…)
 * with its HTTP status. The JSON endpoint answers it as `{__type, message}`, which the SDK maps to its exception
 * class; in-process callers catch it by `type`.
 */
export class EventBridgeError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}
