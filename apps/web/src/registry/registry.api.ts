import { api, buildUrl, type UploadProgress, uploadRaw } from '../api/client';
import type {
  EnterpriseDetail,
  EnterpriseSummary,
  KindSpec,
  Page,
  QualityReport,
  Submission,
  SubmissionEncoding,
  SubmissionKind,
  SubmissionMode,
} from '../api/types';

let kindsPromise: Promise<KindSpec[]> | null = null;

/** The submission kinds and their columns. They change only with a server release, so one fetch a visit. */
export function listKinds(): Promise<KindSpec[]> {
  if (!kindsPromise) {
    kindsPromise = api.get<{ kinds: KindSpec[] }>('/registry/kinds').then(
      (body) => body.kinds,
      (error: unknown) => {
        kindsPromise = null;
        throw error;
      },
    );
  }
  return kindsPromise;
}

export function listSubmissions(
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<Page<Submission>> {
  return api.get<Page<Submission>>('/registry/submissions', { query: page, signal });
}

export function getSubmission(id: string, signal?: AbortSignal): Promise<Submission> {
  return api.get<Submission>(`/registry/submissions/${encodeURIComponent(id)}`, { signal });
}

export function submissionErrorsCsvUrl(id: string): string {
  return buildUrl(`/registry/submissions/${encodeURIComponent(id)}/errors.csv`);
}

export const CONTENT_TYPES = {
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type UploadFormat = keyof typeof CONTENT_TYPES;

/** The format by the file's extension: browsers report CSV as text/csv, application/vnd.ms-excel or nothing. */
export function formatOfFile(fileName: string): UploadFormat | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  return extension === 'csv' || extension === 'json' || extension === 'xlsx' ? extension : null;
}

export type UploadResult = { submission: Submission; isReplay: boolean };

export async function uploadSubmission(options: {
  kind: SubmissionKind;
  mode: SubmissionMode;
  encoding: SubmissionEncoding;
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  onUploaded?: () => void;
  signal?: AbortSignal;
}): Promise<UploadResult> {
  const format = formatOfFile(options.file.name);
  if (!format) throw new Error(`Unsupported file type: ${options.file.name}`);
  const { status, body } = await uploadRaw<Submission>('/registry/submissions', options.file, {
    // The encoding matters only for CSV; JSON is UTF-8 by definition and XLSX carries its own.
    query: {
      kind: options.kind,
      mode: options.mode,
      encoding: format === 'csv' ? options.encoding : undefined,
    },
    headers: {
      'content-type': CONTENT_TYPES[format],
      'x-file-name': encodeURIComponent(options.file.name),
    },
    onProgress: options.onProgress,
    onUploaded: options.onUploaded,
    signal: options.signal,
  });
  // 200 instead of 201: the server already had this exact file and answers with the earlier submission.
  return { submission: body, isReplay: status === 200 || body.duplicateOf !== null };
}

export function getQuality(signal?: AbortSignal): Promise<QualityReport> {
  return api.get<QualityReport>('/registry/quality', { signal });
}

export function listEnterprises(
  query: { q: string; limit: number; offset: number },
  signal?: AbortSignal,
): Promise<Page<EnterpriseSummary>> {
  return api.get<Page<EnterpriseSummary>>('/registry/enterprises', { query, signal });
}

export function getEnterprise(creditCode: string, signal?: AbortSignal): Promise<EnterpriseDetail> {
  return api.get<EnterpriseDetail>(`/registry/enterprises/${encodeURIComponent(creditCode)}`, { signal });
}
