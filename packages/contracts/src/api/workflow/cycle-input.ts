import * as z from 'zod/mini';
import { text } from '../../innovation-profile';
import { STAGES, type Stage } from '../../stages';
import { stageWindowSchema } from '../../workflow-events';
import { wholeNumber } from '../whole-number';
import { type StageWindows, windowIssues } from './stage-windows';

/** The window checks as a schema check, each issue at the path of the offending date. */
function validWindows<T extends { stageWindows: StageWindows }>() {
  return z.superRefine<T>((value, ctx) => {
    for (const issue of windowIssues(value.stageWindows)) {
      ctx.issues.push({
        code: 'custom',
        message: issue.message,
        path: ['stageWindows', issue.stage, issue.field],
        input: value.stageWindows[issue.stage][issue.field],
      });
    }
  });
}

/** Every stage's window. */
export const stageWindowsSchema = z.strictObject(
  Object.fromEntries(STAGES.map((stage) => [stage, stageWindowSchema])) as Record<Stage, typeof stageWindowSchema>,
);

/** The body of `POST /cycles`: every stage's window is required, so a cycle is never half planned. */
export const createCycleInput = z
  .strictObject({
    name: text(200),
    year: wholeNumber(2000, 2100),
    stageWindows: stageWindowsSchema,
    targetPerOpd: wholeNumber(1, 100),
    monevIntervalDays: wholeNumber(7, 366),
  })
  .check(validWindows());
export type CreateCycleInput = z.infer<typeof createCycleInput>;

/** The body of `PATCH /cycles/{id}`: some stages' windows; the merged whole is checked again (see use case). */
export const updateCycleInput = z.strictObject({
  stageWindows: z.strictObject(
    Object.fromEntries(STAGES.map((stage) => [stage, z.optional(stageWindowSchema)])) as Record<
      Stage,
      z.ZodMiniOptional<typeof stageWindowSchema>
    >,
  ),
});
export type UpdateCycleInput = z.infer<typeof updateCycleInput>;

/** The merged windows, checked like a create: a partial change must still leave a valid plan. */
export const mergedWindows = z.strictObject({ stageWindows: stageWindowsSchema }).check(validWindows());

/** The body of `PUT /cycles/{id}/commitments/{opdId}`: how many innovations the OPD pledges. */
export const commitmentInput = z.strictObject({ pledged: wholeNumber(0, 1_000) });
