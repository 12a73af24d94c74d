import { create } from 'zustand';
import type { DaTask } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';

interface DaState {
  tasks: DaTask[];
  error: string | null;
  load(client: PosteClient): Promise<void>;
  resolve(client: PosteClient, taskId: string, resolution: 'done' | 'dismissed'): Promise<void>;
}

/** The DA's open tasks; reloaded when the services say the list changed. */
export const useDaStore = create<DaState>()((set, get) => ({
  tasks: [],
  error: null,
  async load(client) {
    const result = await client.tryCall('da:list', {});
    if (result.ok) set({ tasks: result.value, error: null });
    else set({ error: result.error.message });
  },
  async resolve(client, taskId, resolution) {
    const result = await client.tryCall('da:resolve', { taskId, resolution });
    if (!result.ok) set({ error: result.error.message });
    await get().load(client);
  },
}));
