import { create } from 'zustand';
import { IMPORT_FILES_PER_CALL, type CsvFieldName, type ImportBatchDto, type CsvMappingDto, type CsvPreviewDto, type ImportReportDto, type WatchFolderDto } from '../../../shared/ipc/contract-leads';
import type { PosteClient } from '../../app/client';

/** A picked file's bytes as base64, for the contract (the services decode the encoding). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface CsvSession {
  name: string;
  base64: string;
  preview: CsvPreviewDto;
  mapping: CsvMappingDto;
  provider: string;
  /** The import this mapping was refused with (errors by line), shown in the dialog. */
  failed: ImportReportDto | null;
}

interface ImportsState {
  busy: boolean;
  error: string | null;
  reports: ImportReportDto[];
  csv: CsvSession | null;
  /** CSV files picked with it, each opened in the mapping dialog once this one is done. */
  pendingCsv: File[];
  folders: WatchFolderDto[];
  scanned: number | null;
  /** The latest files imported or refused, by anyone: the picker, a watched folder, the API. */
  history: ImportBatchDto[];
  loadHistory(client: PosteClient): Promise<void>;
  importFiles(client: PosteClient, files: readonly File[]): Promise<void>;
  setMapping(field: CsvFieldName, column: number | null): void;
  setProvider(provider: string): void;
  confirmCsv(client: PosteClient): Promise<void>;
  cancelCsv(client: PosteClient): Promise<void>;
  loadFolders(client: PosteClient): Promise<void>;
  addFolder(client: PosteClient, path: string): Promise<boolean>;
  removeFolder(client: PosteClient, folderId: string): Promise<void>;
  scanFolders(client: PosteClient): Promise<void>;
}

/** Files the import history shows. */
export const HISTORY_SIZE = 10;

/** Imports: picked ADF/.eml files straight in, CSV through the mapping dialog; watched folders. */
export const useImportsStore = create<ImportsState>()((set, get) => {
  /** The next picked CSV file in the mapping dialog: its preview and the suggested mapping. */
  async function openNextCsv(client: PosteClient): Promise<void> {
    const [file, ...rest] = get().pendingCsv;
    if (!file) return;
    set({ pendingCsv: rest });
    const base64 = await fileToBase64(file);
    const preview = await client.tryCall('leads:csvPreview', { name: file.name, base64 });
    if (preview.ok) set({ csv: { name: file.name, base64, preview: preview.value, mapping: preview.value.suggested, provider: '', failed: null } });
    else {
      set({ error: `${file.name} — ${preview.error.message}` });
      await openNextCsv(client);
    }
  }

  return {
    busy: false,
    error: null,
    reports: [],
    csv: null,
    pendingCsv: [],
    folders: [],
    scanned: null,
    history: [],
    async loadHistory(client) {
      const result = await client.tryCall('leads:batches', { limit: HISTORY_SIZE });
      if (result.ok) set({ history: result.value });
    },
    async importFiles(client, files) {
      set({ busy: true, error: null, reports: [] });
      try {
        const isCsv = (f: File) => /\.csv$/i.test(f.name);
        const leadFiles = files.filter((f) => !isCsv(f));
        // A bigger pick goes in parts of IMPORT_FILES_PER_CALL files, the reports shown as they come.
        const reports: ImportReportDto[] = [];
        for (let at = 0; at < leadFiles.length; at += IMPORT_FILES_PER_CALL) {
          const part = leadFiles.slice(at, at + IMPORT_FILES_PER_CALL);
          const payload = await Promise.all(part.map(async (f) => ({ name: f.name, base64: await fileToBase64(f) })));
          const result = await client.tryCall('leads:importFiles', { files: payload });
          if (!result.ok) {
            set({ error: result.error.message });
            break;
          }
          reports.push(...result.value.reports);
          set({ reports: [...reports] });
        }
        set({ pendingCsv: files.filter(isCsv) });
        await openNextCsv(client);
      } finally {
        set({ busy: false });
      }
    },
    setMapping(field, column) {
      const csv = get().csv;
      if (!csv) return;
      const mapping: CsvMappingDto = { ...csv.mapping };
      if (column === null) delete mapping[field];
      else mapping[field] = column;
      set({ csv: { ...csv, mapping } });
    },
    setProvider(provider) {
      const csv = get().csv;
      if (csv) set({ csv: { ...csv, provider } });
    },
    async confirmCsv(client) {
      const csv = get().csv;
      if (!csv) return;
      set({ busy: true, error: null });
      const result = await client.tryCall('leads:importCsv', {
        name: csv.name,
        base64: csv.base64,
        mapping: csv.mapping,
        delimiter: csv.preview.delimiter,
        ...(csv.provider.trim() ? { provider: csv.provider.trim() } : {}),
      });
      if (!result.ok) return set({ error: result.error.message, busy: false });
      const report = result.value;
      if (report.status !== 'imported') return set({ reports: [report], csv: { ...csv, failed: report }, busy: false });
      set({ reports: [report], csv: null });
      try {
        await openNextCsv(client);
      } finally {
        set({ busy: false });
      }
    },
    async cancelCsv(client) {
      set({ csv: null });
      await openNextCsv(client);
    },
    async loadFolders(client) {
      const result = await client.tryCall('leads:folders', {});
      if (result.ok) set({ folders: result.value });
    },
    async addFolder(client, path) {
      const result = await client.tryCall('leads:addFolder', { path });
      if (result.ok) set({ folders: result.value, error: null });
      else set({ error: result.error.message });
      return result.ok;
    },
    async removeFolder(client, folderId) {
      const result = await client.tryCall('leads:removeFolder', { folderId });
      if (result.ok) set({ folders: result.value });
      else set({ error: result.error.message });
    },
    async scanFolders(client) {
      set({ busy: true, error: null });
      const result = await client.tryCall('leads:scanFolders', {});
      if (result.ok) {
        const reports = result.value.flatMap((r) => r.files);
        set({ reports, scanned: reports.length, busy: false });
        await get().loadFolders(client);
      } else set({ error: result.error.message, busy: false });
    },
  };
});
