import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainingTerminalIdentity } from '../../../src/ca/terminal-identity';
import { trainingDir } from '../../../src/virtual-card/training';

describe('trainingTerminalIdentity', () => {
  it("takes the municipality from the training residents' data, not from the code", () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-training-'));
    try {
      cpSync(join(trainingDir(), 'residents.json'), join(dir, 'residents.json'));
      const residents = JSON.parse(readFileSync(join(dir, 'residents.json'), 'utf8')) as { municipality: { code: string; name: string } };
      expect(trainingTerminalIdentity(dir).municipalityCode).toBe(residents.municipality.code);
      writeFileSync(join(dir, 'residents.json'), JSON.stringify({ ...residents, municipality: { code: '13101', name: '千代田区' } }));
      expect(trainingTerminalIdentity(dir)).toEqual({ terminalId: 'training-terminal', municipalityCode: '13101' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
