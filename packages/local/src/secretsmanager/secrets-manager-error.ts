/**
 * A refused Secrets Manager call, named as AWS names the exception (`ResourceNotFoundException`,
 * `ResourceExistsException`, `InvalidRequestException`, `InvalidParameterException`, `ValidationException`). The
 * JSON endpoint answers it as `{__type, Message}` with status 400, which the SDK maps to its exception class.
 */
export class SecretsManagerError extends Error {
  constructor(
    readonly type:
      | 'ResourceNotFoundException'
      | 'ResourceExistsException'
      | 'InvalidRequestException'
      | 'InvalidParameterException'
      | 'InvalidNextTokenException'
      | 'ValidationException'
      | 'UnknownOperationException'
      | 'SerializationException',
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}
