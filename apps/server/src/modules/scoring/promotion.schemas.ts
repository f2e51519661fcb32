import { z } from 'zod';
import { ZModelKind } from './scoring.schemas.js';

export const ZPromotionStatus = z.enum(['pending', 'approved', 'rejected']);

export const ZPromotionRequest = z.object({
  id: z.string(),
  modelId: z.string(),
  modelKind: ZModelKind,
  modelVersion: z.number().int(),
  status: ZPromotionStatus,
  reason: z.string().nullable(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type TPromotionRequest = z.infer<typeof ZPromotionRequest>;

export const ZPromotionRequestBody = z.object({ reason: z.string().max(500).optional() });
export const ZPromotionDecisionBody = z.object({ note: z.string().max(500).optional() });
export const ZPromotionListQuery = z.object({
  status: ZPromotionStatus.optional(),
  modelId: z.string().max(60).optional(),
});
