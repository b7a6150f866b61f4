import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SecretsManagerError } from './secrets-manager-error';

/**
 * The secrets behind the local Secrets Manager, with the semantics of the AWS API reference
 * (docs.aws.amazon.com/secretsmanager/latest/apireference, "Actions"), cited per operation below. Inputs and
 * outputs are the operations' JSON shapes, so the endpoint only routes; timestamps are epoch seconds, as the AWS
 * JSON protocol sends them.
 */

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';

/** "Secrets Manager stores up to 100 versions of a secret" and removes deprecated (unlabelled) ones beyond. */
const MAX_VERSIONS = 100;
const DAY_MS = 86_400_000;

interface StoredVersion {
  readonly versionId: string;
  readonly secretString?: string;
  /** Base64, as the JSON protocol carries blobs. */
  readonly secretBinary?: string;
  readonly createdDate: number;
  stages: string[];
}

interface StoredSecret {
  readonly arn: string;
  readonly name: string;
  description?: string;
  readonly kmsKeyId?: string;
  readonly tags: { Key: string; Value: string }[];
  readonly createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  /** When DeleteSecret was called; set while the secret is scheduled for deletion. */
  deletedDate?: number;
  /** When the secret is gone for good (end of the recovery window). */
  deletionDate?: number;
  versions: StoredVersion[];
}

type Input = Readonly<Record<string, unknown>>;

export interface SecretStoreOptions {
  readonly awsRegion: string;
  readonly accountId: string;
  /** Where the secrets persist (JSON); in memory when absent. */
  readonly file?: string;
  readonly now?: () => number;
}

const NAME_PATTERN = /^[A-Za-z0-9/_+=.@!-]{1,512}$/;
const TOKEN_PATTERN = /^[\x21-\x7e]{32,64}$/;

function seconds(milliseconds: number | undefined): number | undefined {
  return milliseconds === undefined ? undefined : milliseconds / 1000;
}

/** Drops undefined members, so absent fields are absent in the JSON, as AWS sends them. */
function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}

function optionalString(input: Input, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SecretsManagerError('SerializationException', `${field} must be a string`);
  return value;
}

function requiredString(input: Input, field: string): string {
  const value = optionalString(input, field);
  if (value === undefined || value === '') {
    const member = `${field.charAt(0).toLowerCase()}${field.slice(1)}`;
    throw new SecretsManagerError(
      'ValidationException',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function stringList(input: Input, field: string): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new SecretsManagerError('SerializationException', `${field} must be a list of strings`);
  }
  return value;
}

/** The value of a CreateSecret or PutSecretValue: exactly one of SecretString and SecretBinary, or none. */
function secretValue(input: Input): { secretString?: string; secretBinary?: string } | undefined {
  const secretString = optionalString(input, 'SecretString');
  const secretBinary = optionalString(input, 'SecretBinary');
  if (secretString !== undefined && secretBinary !== undefined) {
    throw new SecretsManagerError(
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (secretString !== undefined) return { secretString };
  if (secretBinary !== undefined) return { secretBinary };
  return undefined;
}

function clientRequestToken(input: Input): string {
  // The SDKs fill ClientRequestToken with a UUID when the caller does not (it is an idempotency token).
  const token = optionalString(input, 'ClientRequestToken') ?? randomUUID();
  if (!TOKEN_PATTERN.test(token)) {
    throw new SecretsManagerError('ValidationException', 'ClientRequestToken must be 32 to 64 printable characters.');
  }
  return token;
}

const NOT_FOUND = "Secrets Manager can't find the specified secret.";
const MARKED_DELETED = "You can't perform this operation on the secret because it was marked for deletion.";

/** The secrets, their versions and staging labels. Not safe across processes: one local endpoint owns the file. */
export class SecretStore {
  private readonly secrets = new Map<string, StoredSecret>();
  private readonly now: () => number;

  constructor(private readonly options: SecretStoreOptions) {
    this.now = options.now ?? Date.now;
    if (options.file && existsSync(options.file)) {
      const kept = JSON.parse(readFileSync(options.file, 'utf8')) as { secrets?: StoredSecret[] };
      for (const secret of kept.secrets ?? []) this.secrets.set(secret.name, secret);
    }
  }

  /**
   * CreateSecret: a new secret, with an initial version labelled AWSCURRENT when a value is given ("If you include
   * SecretString or SecretBinary, then Secrets Manager creates an initial version for the secret"). A name in use
   * is a ResourceExistsException, and a name scheduled for deletion an InvalidRequestException; a retry with the
   * same ClientRequestToken and value answers as the first call did (the token "helps ensure idempotency").
   */
  create(input: Input): Record<string, unknown> {
    this.purgeExpired();
    const name = requiredString(input, 'Name');
    if (!NAME_PATTERN.test(name)) {
      throw new SecretsManagerError(
        'InvalidParameterException',
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
      );
    }
    const value = secretValue(input);
    const token = clientRequestToken(input);
    const existing = this.secrets.get(name);
    if (existing) {
      if (existing.deletedDate !== undefined) {
        throw new SecretsManagerError(
          'InvalidRequestException',
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        );
      }
      const retried = existing.versions.find((version) => version.versionId === token);
      if (retried && value && sameValue(retried, value)) {
        return { ARN: existing.arn, Name: existing.name, VersionId: retried.versionId };
      }
      throw new SecretsManagerError(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`,
      );
    }
    const now = this.now();
    const tags = Array.isArray(input.Tags)
      ? (input.Tags as unknown[]).flatMap((tag) => {
          const { Key, Value } = (tag ?? {}) as Record<string, unknown>;
          return typeof Key === 'string' ? [{ Key, Value: typeof Value === 'string' ? Value : '' }] : [];
        })
      : [];
    const description = optionalString(input, 'Description');
    const kmsKeyId = optionalString(input, 'KmsKeyId');
    const secret: StoredSecret = {
      arn: `arn:aws:secretsmanager:${this.options.awsRegion}:${this.options.accountId}:secret:${name}-${arnSuffix()}`,
      name,
      ...(description === undefined ? {} : { description }),
      ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
      tags,
      createdDate: now,
      lastChangedDate: now,
      versions: value ? [{ versionId: token, ...value, createdDate: now, stages: [AWSCURRENT] }] : [],
    };
    this.secrets.set(name, secret);
    this.save();
    return defined({ ARN: secret.arn, Name: secret.name, VersionId: value ? token : undefined });
  }

  /**
   * GetSecretValue: the version named by VersionId or VersionStage, AWSCURRENT when neither is given; with both,
   * "the two parameters must refer to the same secret version". A secret marked for deletion is an
   * InvalidRequestException; a missing version a ResourceNotFoundException ("Secrets Manager can't find the
   * specified secret value for staging label: AWSPENDING", as AWS words it).
   */
  getValue(input: Input): Record<string, unknown> {
    const secret = this.find(input);
    if (secret.deletedDate !== undefined) throw new SecretsManagerError('InvalidRequestException', MARKED_DELETED);
    const versionId = optionalString(input, 'VersionId');
    const stage = optionalString(input, 'VersionStage');
    let version: StoredVersion | undefined;
    if (versionId !== undefined) {
      version = secret.versions.find((candidate) => candidate.versionId === versionId);
      if (!version || (stage !== undefined && !version.stages.includes(stage))) {
        throw new SecretsManagerError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
        );
      }
    } else {
      const label = stage ?? AWSCURRENT;
      version = secret.versions.find((candidate) => candidate.stages.includes(label));
      if (!version) {
        throw new SecretsManagerError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for staging label: ${label}`,
        );
      }
    }
    // LastAccessedDate: "the date that the secret was last accessed in the Region. This field is omitted if the
    // secret has never been retrieved"; AWS keeps only the day.
    secret.lastAccessedDate = Math.floor(this.now() / DAY_MS) * DAY_MS;
    this.save();
    return defined({
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      SecretString: version.secretString,
      SecretBinary: version.secretBinary,
      VersionStages: [...version.stages],
      CreatedDate: seconds(version.createdDate),
    });
  }

  /**
   * PutSecretValue: a new version. Its labels are VersionStages, AWSCURRENT when absent ("If you don't include
   * VersionStages, then Secrets Manager automatically moves the staging label AWSCURRENT to this version"). A label
   * held by another version moves here, and moving AWSCURRENT moves AWSPREVIOUS to the version AWSCURRENT left.
   * ClientRequestToken: a version with that id and the same value is a no-op, with another value a
   * ResourceExistsException ("you can't modify a secret version").
   */
  putValue(input: Input): Record<string, unknown> {
    const secret = this.find(input);
    if (secret.deletedDate !== undefined) throw new SecretsManagerError('InvalidRequestException', MARKED_DELETED);
    const value = secretValue(input);
    if (!value) {
      throw new SecretsManagerError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
    }
    const token = clientRequestToken(input);
    const stages = stringList(input, 'VersionStages') ?? [AWSCURRENT];
    const existing = secret.versions.find((version) => version.versionId === token);
    if (existing) {
      if (!sameValue(existing, value)) {
        throw new SecretsManagerError(
          'ResourceExistsException',
          "You can't modify an existing version, you can only create a new version.",
        );
      }
      return { ARN: secret.arn, Name: secret.name, VersionId: existing.versionId, VersionStages: [...existing.stages] };
    }
    const now = this.now();
    const version: StoredVersion = { versionId: token, ...value, createdDate: now, stages: [] };
    secret.versions.push(version);
    for (const stage of new Set(stages)) moveStage(secret, stage, version);
    dropDeprecated(secret);
    secret.lastChangedDate = now;
    this.save();
    return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: [...version.stages] };
  }

  /**
   * UpdateSecretVersionStage: moves VersionStage to MoveToVersionId and/or removes it from RemoveFromVersionId. A
   * label attached elsewhere moves only when RemoveFromVersionId names the version it is on ("If the staging label
   * you are trying to attach to one version is already attached to a different version, then you must include this
   * parameter and specify the version that the label is to be removed from"); moving AWSCURRENT moves AWSPREVIOUS
   * to the version it left. Ends a rotation's overlap: removing AWSPREVIOUS retires the old secret.
   */
  updateVersionStage(input: Input): Record<string, unknown> {
    const secret = this.find(input);
    if (secret.deletedDate !== undefined) throw new SecretsManagerError('InvalidRequestException', MARKED_DELETED);
    const stage = requiredString(input, 'VersionStage');
    const moveTo = optionalString(input, 'MoveToVersionId');
    const removeFrom = optionalString(input, 'RemoveFromVersionId');
    const versionOf = (versionId: string) => {
      const version = secret.versions.find((candidate) => candidate.versionId === versionId);
      if (!version) {
        throw new SecretsManagerError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
        );
      }
      return version;
    };
    const holder = secret.versions.find((version) => version.stages.includes(stage));
    if (removeFrom !== undefined && holder?.versionId !== removeFrom) {
      versionOf(removeFrom);
      throw new SecretsManagerError(
        'InvalidParameterException',
        `The staging label ${stage} is not attached to version ${removeFrom}.`,
      );
    }
    if (moveTo !== undefined) {
      const target = versionOf(moveTo);
      if (holder && holder !== target && removeFrom === undefined) {
        throw new SecretsManagerError(
          'InvalidParameterException',
          `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      moveStage(secret, stage, target);
    } else if (holder) {
      if (stage === AWSCURRENT) {
        throw new SecretsManagerError(
          'InvalidParameterException',
          "You can only move staging label AWSCURRENT to a different secret version. It can't be completely removed.",
        );
      }
      holder.stages = holder.stages.filter((label) => label !== stage);
    }
    secret.lastChangedDate = this.now();
    this.save();
    return { ARN: secret.arn, Name: secret.name };
  }

  /**
   * DescribeSecret: the secret's details, including one scheduled for deletion (DeletedDate). VersionIdsToStages
   * lists "the versions of the secret that have staging labels attached"; unlabelled ones are deprecated.
   */
  describe(input: Input): Record<string, unknown> {
    const secret = this.find(input);
    return defined({
      ...overview(secret),
      KmsKeyId: secret.kmsKeyId,
      VersionIdsToStages: versionsToStages(secret),
    });
  }

  /**
   * DeleteSecret: schedules the deletion after RecoveryWindowInDays (7 to 30, default 30), or at once with
   * ForceDeleteWithoutRecovery; "You can't use both this parameter and RecoveryWindowInDays in the same call". A
   * forced delete of an absent secret "does not return ResourceNotFoundException". Scheduling a secret already
   * scheduled is an InvalidRequestException. The secret is purged when its window ends (checked on each call).
   */
  delete(input: Input): Record<string, unknown> {
    this.purgeExpired();
    const secretId = requiredString(input, 'SecretId');
    const force = input.ForceDeleteWithoutRecovery === true;
    const window = input.RecoveryWindowInDays;
    if (force && window !== undefined && window !== null) {
      throw new SecretsManagerError(
        'InvalidParameterException',
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    const days = window === undefined || window === null ? 30 : window;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 7 || days > 30) {
      throw new SecretsManagerError(
        'InvalidParameterException',
        'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
      );
    }
    const now = this.now();
    const secret = this.lookup(secretId);
    if (!secret) {
      if (force)
        return defined({ Name: secretId.startsWith('arn:') ? undefined : secretId, DeletionDate: seconds(now) });
      throw new SecretsManagerError('ResourceNotFoundException', NOT_FOUND);
    }
    if (force) {
      this.secrets.delete(secret.name);
      this.save();
      return { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(now) };
    }
    if (secret.deletedDate !== undefined) {
      throw new SecretsManagerError('InvalidRequestException', MARKED_DELETED);
    }
    secret.deletedDate = now;
    secret.deletionDate = now + days * DAY_MS;
    secret.lastChangedDate = now;
    this.save();
    return { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(secret.deletionDate) };
  }

  /**
   * ListSecrets: the secrets, oldest first (SortOrder `desc` reverses), without those scheduled for deletion unless
   * IncludePlannedDeletion. Filters (API reference, "Filter"): `name`, `tag-key`, `tag-value` prefix match,
   * case-sensitive; `description` prefix match, not case-sensitive; `all` any attribute; a value starting with `!`
   * negates. Values of one filter are alternatives; filters all apply. MaxResults 1 to 100, with NextToken.
   */
  list(input: Input): Record<string, unknown> {
    this.purgeExpired();
    const filters = parseFilters(input.Filters);
    const includeDeleted = input.IncludePlannedDeletion === true;
    const maxResults = input.MaxResults ?? 100;
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      throw new SecretsManagerError('InvalidParameterException', 'MaxResults must be between 1 and 100.');
    }
    let offset = 0;
    const nextToken = optionalString(input, 'NextToken');
    if (nextToken !== undefined) {
      offset = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
      if (!Number.isInteger(offset) || offset < 0) {
        throw new SecretsManagerError('InvalidNextTokenException', 'The NextToken value is invalid.');
      }
    }
    const matching = [...this.secrets.values()]
      .filter((secret) => includeDeleted || secret.deletedDate === undefined)
      .filter((secret) => filters.every((filter) => matchesFilter(secret, filter)))
      .sort((a, b) => a.createdDate - b.createdDate || a.name.localeCompare(b.name));
    if (input.SortOrder === 'desc') matching.reverse();
    const page = matching.slice(offset, offset + maxResults);
    const more = offset + maxResults < matching.length;
    return defined({
      SecretList: page.map((secret) =>
        defined({ ...overview(secret), SecretVersionsToStages: versionsToStages(secret) }),
      ),
      NextToken: more ? Buffer.from(String(offset + maxResults)).toString('base64url') : undefined,
    });
  }

  /** The names of the secrets held (for the health report). */
  names(): string[] {
    this.purgeExpired();
    return [...this.secrets.keys()];
  }

  private find(input: Input): StoredSecret {
    this.purgeExpired();
    const secret = this.lookup(requiredString(input, 'SecretId'));
    if (!secret) throw new SecretsManagerError('ResourceNotFoundException', NOT_FOUND);
    return secret;
  }

  /** By name, full ARN, or ARN without the random suffix (the API accepts each as SecretId). */
  private lookup(secretId: string): StoredSecret | undefined {
    const byName = this.secrets.get(secretId);
    if (byName) return byName;
    if (!secretId.startsWith('arn:')) return undefined;
    for (const secret of this.secrets.values()) {
      if (secret.arn === secretId || secret.arn.slice(0, -7) === secretId) return secret;
    }
    return undefined;
  }

  private purgeExpired(): void {
    const now = this.now();
    let purged = false;
    for (const [name, secret] of this.secrets) {
      if (secret.deletionDate !== undefined && secret.deletionDate <= now) {
        this.secrets.delete(name);
        purged = true;
      }
    }
    if (purged) this.save();
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ secrets: [...this.secrets.values()] }, null, 2), { mode: 0o600 });
    renameSync(temporary, file);
  }
}

/** Six characters after the name in a secret's ARN, as AWS appends them. */
function arnSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(6)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function sameValue(version: StoredVersion, value: { secretString?: string; secretBinary?: string }): boolean {
  return version.secretString === value.secretString && version.secretBinary === value.secretBinary;
}

/**
 * Attaches `stage` to `target`, taking it from the version that holds it ("Each staging label can be attached to
 * only one version at a time"); when that is AWSCURRENT, AWSPREVIOUS goes to the version it was taken from
 * (UpdateSecretVersionStage: "Whenever you move AWSCURRENT, Secrets Manager automatically moves the label
 * AWSPREVIOUS to the version that AWSCURRENT was removed from").
 */
function moveStage(secret: StoredSecret, stage: string, target: StoredVersion): void {
  const holder = secret.versions.find((version) => version.stages.includes(stage));
  if (holder === target) return;
  if (holder) holder.stages = holder.stages.filter((label) => label !== stage);
  target.stages.push(stage);
  if (stage === AWSCURRENT && holder) moveStage(secret, AWSPREVIOUS, holder);
}

/** Beyond {@link MAX_VERSIONS}, the oldest versions without a label go. */
function dropDeprecated(secret: StoredSecret): void {
  while (secret.versions.length > MAX_VERSIONS) {
    const index = secret.versions.findIndex((version) => version.stages.length === 0);
    if (index < 0) return;
    secret.versions.splice(index, 1);
  }
}

function versionsToStages(secret: StoredSecret): Record<string, string[]> {
  return Object.fromEntries(
    secret.versions
      .filter((version) => version.stages.length > 0)
      .map((version) => [version.versionId, [...version.stages]]),
  );
}

function overview(secret: StoredSecret): Record<string, unknown> {
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    CreatedDate: seconds(secret.createdDate),
    LastChangedDate: seconds(secret.lastChangedDate),
    LastAccessedDate: seconds(secret.lastAccessedDate),
    DeletedDate: seconds(secret.deletedDate),
    Tags: secret.tags.length > 0 ? secret.tags.map((tag) => ({ ...tag })) : undefined,
  };
}

interface Filter {
  readonly key: string;
  readonly values: readonly string[];
}

const FILTER_KEYS = new Set(['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all']);

function parseFilters(raw: unknown): Filter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new SecretsManagerError('SerializationException', 'Filters must be a list');
  return raw.map((entry) => {
    const { Key, Values } = (entry ?? {}) as Record<string, unknown>;
    if (typeof Key !== 'string' || !FILTER_KEYS.has(Key)) {
      throw new SecretsManagerError(
        'ValidationException',
        `1 validation error detected: Value '${String(Key)}' at 'filters.member.key' failed to satisfy constraint: Member must satisfy enum value set: [${[...FILTER_KEYS].join(', ')}]`,
      );
    }
    if (!Array.isArray(Values) || Values.length === 0 || !Values.every((value) => typeof value === 'string')) {
      throw new SecretsManagerError('InvalidParameterException', `Filter ${Key} needs between 1 and 10 values.`);
    }
    return { key: Key, values: Values as string[] };
  });
}

/** The attribute values a filter key looks at, and whether it compares case-insensitively. */
function attributesFor(secret: StoredSecret, key: string): { values: string[]; caseInsensitive: boolean } {
  switch (key) {
    case 'name':
      return { values: [secret.name], caseInsensitive: false };
    case 'description':
      return { values: secret.description ? [secret.description] : [], caseInsensitive: true };
    case 'tag-key':
      return { values: secret.tags.map((tag) => tag.Key), caseInsensitive: false };
    case 'tag-value':
      return { values: secret.tags.map((tag) => tag.Value), caseInsensitive: false };
    case 'all':
      return {
        values: [
          secret.name,
          ...(secret.description ? secret.description.split(/\s+/) : []),
          ...secret.tags.flatMap((tag) => [tag.Key, tag.Value]),
        ],
        caseInsensitive: true,
      };
    default:
      // primary-region, owning-service: a local secret is neither replicated nor owned by a service.
      return { values: [], caseInsensitive: false };
  }
}

function matchesFilter(secret: StoredSecret, filter: Filter): boolean {
  const { values, caseInsensitive } = attributesFor(secret, filter.key);
  const fold = (text: string) => (caseInsensitive ? text.toLowerCase() : text);
  const hasPrefix = (prefix: string) => values.some((value) => fold(value).startsWith(fold(prefix)));
  const negated = filter.values.filter((value) => value.startsWith('!')).map((value) => value.slice(1));
  const wanted = filter.values.filter((value) => !value.startsWith('!'));
  if (negated.some(hasPrefix)) return false;
  return wanted.length === 0 || wanted.some(hasPrefix);
}
