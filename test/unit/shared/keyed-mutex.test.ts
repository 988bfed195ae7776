import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../../core/shared/keyed-mutex.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('KeyedMutex', () => {
  it('runs tasks with one key one at a time, in order, and tasks with other keys alongside', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name}>`);
      await tick();
      log.push(`<${name}`);
      return name;
    };
    const results = await Promise.all([
      mutex.run('a', task('a1')),
      mutex.run('a', task('a2')),
      mutex.run('b', task('b1')),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('<a1')).toBeLessThan(log.indexOf('a2>'));
    expect(log.indexOf('b1>')).toBeLessThan(log.indexOf('<a1'));
  });

  it('a holder can end its turn before its own work is over; ending it twice does nothing', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const first = await mutex.acquire('k');
    const second = mutex.acquire('k').then((release) => (log.push('second'), release));
    const third = mutex.run('k', async () => void log.push('third'));
    await tick();
    expect(log).toEqual([]);
    first();
    first();
    const releaseSecond = await second;
    await tick();
    expect(log).toEqual(['second']);
    releaseSecond();
    await third;
    expect(log).toEqual(['second', 'third']);
  });

  it('a failing task passes its error on and does not block the next', async () => {
    const mutex = new KeyedMutex();
    const failed = mutex.run('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
