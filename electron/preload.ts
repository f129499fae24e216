// The sandboxed preload exposes exactly one object, window.madoguchi, typed from src/api once the
// contract exists (renderer issue). Until then it exposes nothing but the shell's name.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('madoguchi', { shell: 'electron' } as const);
