import { describe, expect, it } from 'vitest';
import { measures } from './registry.js';
import { compute } from './test-support.js';

describe('each measure\'s documented worked example', () => {
  for (const def of measures) {
    it(`${def.id}: ${def.example.expected}`, () => {
      const { value } = compute(def, def.example.inputs(), def.example.month, def.example.settings);
      expect(value.display).toBe(def.example.expected);
    });
  }
});
