import { type ChangeEvent, type DragEvent, type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { KindSpec, SubmissionEncoding, SubmissionKind, SubmissionMode } from '../../api/types';
import { useFormat } from '../../i18n';
import { downloadText } from '../../ui/download';
import { Icon } from '../../ui/icon';
import { ProgressBar } from '../../ui/progress-bar';
import { ErrorState } from '../../ui/states';
import { buildCsvTemplate, templateFileName } from '../csv-template';
import { formatOfFile, type UploadResult, uploadSubmission } from '../registry.api';
import { RowErrorsTable, rowErrorsFromDetails } from './row-errors-table';

type Phase =
  | { name: 'idle' }
  | { name: 'uploading'; loaded: number; total: number }
  | { name: 'processing' }
  | { name: 'failed'; error: unknown };

const MODES: SubmissionMode[] = ['all_or_nothing', 'accept_valid'];
const ENCODINGS: SubmissionEncoding[] = ['utf-8', 'gb18030'];

type UploadPanelProps = {
  kinds: KindSpec[];
  /** A new upload begins: the previous result no longer describes what is on screen. */
  onStarted: () => void;
  onSubmitted: (result: UploadResult) => void;
};

export function UploadPanel({ kinds, onStarted, onSubmitted }: UploadPanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const ids = useId();
  const [kind, setKind] = useState<SubmissionKind | ''>(kinds[0]?.kind ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [mode, setMode] = useState<SubmissionMode>('all_or_nothing');
  const [encoding, setEncoding] = useState<SubmissionEncoding>('utf-8');
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [isDragging, setIsDragging] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const spec = kinds.find((candidate) => candidate.kind === kind);
  const isBusy = phase.name === 'uploading' || phase.name === 'processing';

  function chooseFile(chosen: File | null) {
    setPhase({ name: 'idle' });
    if (chosen && !formatOfFile(chosen.name)) {
      setFile(null);
      setFileProblem(t('registry.upload.unsupported', { name: chosen.name }));
      return;
    }
    setFileProblem(chosen && chosen.size === 0 ? t('registry.upload.emptyFile') : null);
    setFile(chosen && chosen.size > 0 ? chosen : null);
  }

  function onFileChange(event: ChangeEvent<HTMLInputElement>) {
    chooseFile(event.target.files?.[0] ?? null);
  }

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setIsDragging(false);
    if (!isBusy) chooseFile(event.dataTransfer.files[0] ?? null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file || !spec) return;
    const controller = new AbortController();
    abortRef.current = controller;
    onStarted();
    setPhase({ name: 'uploading', loaded: 0, total: file.size });
    try {
      const result = await uploadSubmission({
        kind: spec.kind,
        mode,
        encoding,
        file,
        signal: controller.signal,
        onProgress: ({ loaded, total }) => setPhase({ name: 'uploading', loaded, total }),
        onUploaded: () => setPhase({ name: 'processing' }),
      });
      setPhase({ name: 'idle' });
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onSubmitted(result);
    } catch (error) {
      setPhase(isApiError(error) && error.code === 'ABORTED' ? { name: 'idle' } : { name: 'failed', error });
    } finally {
      abortRef.current = null;
    }
  }

  const failedRowErrors =
    phase.name === 'failed' && isApiError(phase.error) ? rowErrorsFromDetails(phase.error.details) : [];

  return (
    <form className="card upload" onSubmit={submit} aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="card__title">
        {t('registry.upload.title')}
      </h2>

      <div className="upload__grid">
        <div className="upload__controls">
          <div className="field">
            <label htmlFor={`${ids}-kind`}>{t('registry.upload.kind')}</label>
            <select
              id={`${ids}-kind`}
              value={kind}
              disabled={isBusy}
              onChange={(event) => setKind(event.target.value as SubmissionKind)}
            >
              {kinds.map((candidate) => (
                <option key={candidate.kind} value={candidate.kind}>
                  {f.localized(candidate.label)}
                </option>
              ))}
            </select>
          </div>

          <div className="field">
            <span className="field__label" id={`${ids}-file-label`}>
              {t('registry.upload.file')}
            </span>
            <label
              className={`dropzone${isDragging ? ' dropzone--active' : ''}${isBusy ? ' dropzone--disabled' : ''}`}
              onDragOver={(event) => {
                event.preventDefault();
                setIsDragging(true);
              }}
              onDragLeave={() => setIsDragging(false)}
              onDrop={onDrop}
            >
              <input
                ref={inputRef}
                className="dropzone__input"
                type="file"
                accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                disabled={isBusy}
                onChange={onFileChange}
                aria-labelledby={`${ids}-file-label`}
                aria-describedby={`${ids}-file-hint${fileProblem ? ` ${ids}-file-problem` : ''}`}
              />
              <Icon name="upload" size={22} />
              {file ? (
                <span className="dropzone__file">
                  <strong>{file.name}</strong>
                  <span className="muted">
                    {f.bytes(file.size)} · {formatOfFile(file.name)?.toUpperCase()}
                  </span>
                </span>
              ) : (
                <span className="dropzone__prompt">{t('registry.upload.choose')}</span>
              )}
            </label>
            <p className="field__hint" id={`${ids}-file-hint`}>
              {t('registry.upload.fileHint')}
            </p>
            {fileProblem ? (
              <p className="field__error" id={`${ids}-file-problem`} role="alert">
                {fileProblem}
              </p>
            ) : null}
          </div>

          {file && formatOfFile(file.name) === 'csv' ? (
            <div className="field">
              <label htmlFor={`${ids}-encoding`}>{t('registry.upload.encoding')}</label>
              <select
                id={`${ids}-encoding`}
                value={encoding}
                disabled={isBusy}
                aria-describedby={`${ids}-encoding-hint`}
                onChange={(event) => setEncoding(event.target.value as SubmissionEncoding)}
              >
                {ENCODINGS.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {t(`registry.encoding.${candidate}`)}
                  </option>
                ))}
              </select>
              <p className="field__hint" id={`${ids}-encoding-hint`}>
                {t('registry.upload.encodingHint')}
              </p>
            </div>
          ) : null}

          <fieldset className="field radio-group" disabled={isBusy}>
            <legend>{t('registry.upload.mode')}</legend>
            {MODES.map((candidate) => (
              <label
                key={candidate}
                className={`radio-card${mode === candidate ? ' radio-card--checked' : ''}`}
              >
                <input
                  type="radio"
                  name={`${ids}-mode`}
                  value={candidate}
                  checked={mode === candidate}
                  onChange={() => setMode(candidate)}
                />
                <span>
                  <span className="radio-card__title">{t(`registry.mode.${candidate}.label`)}</span>
                  <span className="radio-card__description">
                    {t(`registry.mode.${candidate}.description`)}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>

          <div className="upload__actions">
            <button type="submit" className="button button--primary" disabled={isBusy || !file || !spec}>
              {t('registry.upload.submit')}
            </button>
            {isBusy ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => abortRef.current?.abort()}
              >
                {t('common.cancel')}
              </button>
            ) : null}
          </div>

          <div aria-live="polite" className="upload__progress">
            {phase.name === 'uploading' ? (
              <>
                <ProgressBar
                  label={t('registry.upload.progressLabel')}
                  value={phase.total > 0 ? phase.loaded / phase.total : 0}
                  valueText={t('registry.upload.progress', {
                    percent: f.percent(phase.total > 0 ? phase.loaded / phase.total : 0, 0),
                    loaded: f.bytes(phase.loaded),
                    total: f.bytes(phase.total),
                  })}
                />
                <p className="muted">
                  {t('registry.upload.progress', {
                    percent: f.percent(phase.total > 0 ? phase.loaded / phase.total : 0, 0),
                    loaded: f.bytes(phase.loaded),
                    total: f.bytes(phase.total),
                  })}
                </p>
              </>
            ) : null}
            {phase.name === 'processing' ? (
              <>
                <ProgressBar label={t('registry.upload.progressLabel')} value={null} />
                <p className="muted">{t('registry.upload.processing')}</p>
              </>
            ) : null}
          </div>
        </div>

        {spec ? (
          <div className="upload__columns">
            <div className="section-heading">
              <h3>{t('registry.upload.expectedColumns')}</h3>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() =>
                  downloadText(templateFileName(spec.kind), buildCsvTemplate(spec), 'text/csv;charset=utf-8')
                }
              >
                <Icon name="download" size={16} />
                {t('registry.upload.template')}
              </button>
            </div>
            <section
              className="table-scroll table-scroll--tall"
              aria-label={t('registry.upload.columnsCaption', { kind: f.localized(spec.label) })}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focused to scroll it by keyboard
              tabIndex={0}
            >
              <table className="table table--dense">
                <caption className="visually-hidden">
                  {t('registry.upload.columnsCaption', { kind: f.localized(spec.label) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('registry.columns.name')}</th>
                    <th scope="col">{t('registry.columns.type')}</th>
                    <th scope="col">{t('registry.columns.description')}</th>
                  </tr>
                </thead>
                <tbody>
                  {spec.columns.map((column) => (
                    <tr key={column.name}>
                      <th scope="row" className="cell-code">
                        <code>{column.name}</code>
                        {column.required ? (
                          <span className="badge badge--info badge--small">
                            {t('registry.columns.required')}
                          </span>
                        ) : (
                          <span className="badge badge--neutral badge--small">
                            {t('registry.columns.optional')}
                          </span>
                        )}
                      </th>
                      <td>{t(`registry.columnType.${column.type}`)}</td>
                      <td>
                        {f.localized(column.description)}
                        {column.values && column.values.length > 0 ? (
                          <span className="cell-values">
                            {t('registry.columns.values')}{' '}
                            {column.values.map((value) => (
                              <code key={value}>{value}</code>
                            ))}
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        ) : null}
      </div>

      {phase.name === 'failed' ? (
        <div className="upload__failure">
          <ErrorState error={phase.error} compact />
          {failedRowErrors.length > 0 ? (
            <RowErrorsTable errors={failedRowErrors} caption={t('registry.result.errorsCaption')} />
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
