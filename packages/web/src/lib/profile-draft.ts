import {
  type CreateInnovationInput,
  type Innovation,
  PROFILE_FIELD_NAMES,
  type ProfileFieldName,
} from '@inovda/contracts';

/**
 * The innovation profile as the form holds it: every input's text as typed (an empty string is "not given"), lists
 * as rows. `toProfile` turns it into the API's shape; the same contract schemas then validate it in the browser as
 * the API will.
 */
export interface Draft {
  name: string;
  opdId: string;
  initiatorKind: string;
  type: string;
  form: string;
  governmentAffairs: string[];
  maturity: string;
  trialStartDate: string;
  implementationStartDate: string;
  problemStatement: string;
  rootCause: string;
  beneficiaries: string;
  designNarrative: string;
  goals: string;
  benefits: string;
  results: string;
  budgetSource: string;
  milestones: Array<{ title: string; dueDate: string; done: boolean }>;
  evidence: Array<{ indicator: string; url: string; title: string }>;
  contactPerson: { name: string; position: string; phone: string; email: string };
}

/** The fields with a shape of their own in the form; every other profile field is one text (input, select, area). */
const STRUCTURED_FIELDS = ['name', 'opdId', 'governmentAffairs', 'milestones', 'evidence', 'contactPerson'] as const;
export type TextFieldName = Exclude<ProfileFieldName, (typeof STRUCTURED_FIELDS)[number]>;

/** The single-text fields, in the profile's own (form) order. */
export const TEXT_FIELDS: readonly TextFieldName[] = PROFILE_FIELD_NAMES.filter(
  (field): field is TextFieldName => !(STRUCTURED_FIELDS as readonly string[]).includes(field),
);

export function emptyDraft(opdId: string): Draft {
  return {
    name: '',
    opdId,
    initiatorKind: '',
    type: '',
    form: '',
    governmentAffairs: [],
    maturity: '',
    trialStartDate: '',
    implementationStartDate: '',
    problemStatement: '',
    rootCause: '',
    beneficiaries: '',
    designNarrative: '',
    goals: '',
    benefits: '',
    results: '',
    budgetSource: '',
    milestones: [],
    evidence: [],
    contactPerson: { name: '', position: '', phone: '', email: '' },
  };
}

/** The form's draft of an innovation as the API returned it. */
export function draftOf(innovation: Innovation): Draft {
  const draft = emptyDraft(innovation.opdId);
  draft.name = innovation.name;
  for (const field of TEXT_FIELDS) draft[field] = innovation[field] ?? '';
  draft.governmentAffairs = [...(innovation.governmentAffairs ?? [])];
  draft.milestones = (innovation.milestones ?? []).map((row) => ({ ...row, done: row.done ?? false }));
  draft.evidence = (innovation.evidence ?? []).map((row) => ({ ...row, title: row.title ?? '' }));
  const contact = innovation.contactPerson;
  if (contact) {
    draft.contactPerson = {
      name: contact.name,
      position: contact.position ?? '',
      phone: contact.phone ?? '',
      email: contact.email ?? '',
    };
  }
  return draft;
}

const given = (value: string) => value.trim() !== '';

/** Only the entries of an object that were given. */
function compact(entries: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => given(value)));
}

/** The profile the draft describes, with only what was given: the body of `POST /innovations`. */
export function toProfile(draft: Draft): CreateInnovationInput {
  const profile: Record<string, unknown> = { name: draft.name, opdId: draft.opdId };
  for (const field of TEXT_FIELDS) if (given(draft[field])) profile[field] = draft[field];
  if (draft.governmentAffairs.length > 0) profile.governmentAffairs = draft.governmentAffairs;
  if (draft.milestones.length > 0) {
    profile.milestones = draft.milestones.map((row) => ({
      ...compact({ title: row.title, dueDate: row.dueDate }),
      done: row.done,
    }));
  }
  if (draft.evidence.length > 0) profile.evidence = draft.evidence.map((row) => compact(row));
  const contact = compact(draft.contactPerson);
  if (Object.keys(contact).length > 0) profile.contactPerson = contact;
  // The schema decides what is valid; this only shapes what was typed.
  return profile as CreateInnovationInput;
}

/**
 * The merge patch from `before` to the draft (`PATCH /innovations/{id}`): the fields that changed, a cleared field as
 * `null`. The owner OPD never changes.
 */
export function toPatch(before: Innovation, draft: Draft): Record<string, unknown> {
  const previous = toProfile(draftOf(before)) as Record<string, unknown>;
  const next = toProfile(draft) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (key === 'opdId') continue;
    if (JSON.stringify(previous[key]) === JSON.stringify(next[key])) continue;
    patch[key] = key in next ? next[key] : null;
  }
  return patch;
}

/** The profile fields whose values differ between two versions of an innovation (for a stale save). */
export function changedFields(before: Innovation, after: Innovation): string[] {
  const a = toProfile(draftOf(before)) as Record<string, unknown>;
  const b = toProfile(draftOf(after)) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}
