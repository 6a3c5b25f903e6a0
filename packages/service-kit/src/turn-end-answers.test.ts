import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { createTurnEndAnswers } from './turn-end-answers.ts';

/** A response that records what was written to it, in order, across every response made. */
function recorder() {
  const written: string[] = [];
  const response = (name: string, { throws = false } = {}) => {
    const res = {
      destroyed: false,
      writeHead(status: number, headers?: Record<string, string>) {
        if (throws) throw new TypeError('Invalid character in header content');
        written.push(`${name} head ${status} ${JSON.stringify(headers ?? {})}`);
        return res;
      },
      end(body: string | Buffer) {
        written.push(`${name} body ${body.toString()}`);
        return res;
      },
      destroy: vi.fn(() => {
        res.destroyed = true;
      }),
    };
    return res;
  };
  return { written, response };
}

const asResponse = (res: unknown) => res as ServerResponse;
const turnEnd = () => new Promise((resolve) => setImmediate(resolve));

describe('answers at the end of the turn', () => {
  it('are written together once the turn is over, in the order they were sent', async () => {
    const { written, response } = recorder();
    const answers = createTurnEndAnswers(() => {});
    answers.send(asResponse(response('a')), 200, { 'content-type': 'x' }, '{"a":1}');
    await Promise.resolve();
    answers.send(asResponse(response('b')), 429, undefined, Buffer.from('{"b":2}'));
    expect(written).toEqual([]);
    await turnEnd();
    expect(written).toEqual([
      'a head 200 {"content-type":"x"}',
      'a body {"a":1}',
      'b head 429 {}',
      'b body {"b":2}',
    ]);
  });

  it('drop an answer whose socket closed meanwhile', async () => {
    const { written, response } = recorder();
    const answers = createTurnEndAnswers(() => {});
    const gone = response('gone');
    answers.send(asResponse(gone), 200, undefined, 'x');
    answers.send(asResponse(response('kept')), 200, undefined, 'y');
    gone.destroyed = true;
    await turnEnd();
    expect(written).toEqual(['kept head 200 {}', 'kept body y']);
  });

  it('destroy the socket of an answer Node refuses, report it, and still send the others', async () => {
    const { written, response } = recorder();
    const onError = vi.fn();
    const answers = createTurnEndAnswers(onError);
    const bad = response('bad', { throws: true });
    answers.send(asResponse(bad), 200, { 'x-bad': 'a\nb' }, 'x');
    answers.send(asResponse(response('good')), 200, undefined, 'y');
    await turnEnd();
    expect(bad.destroy).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledWith(expect.any(TypeError));
    expect(written).toEqual(['good head 200 {}', 'good body y']);
  });

  it('start a new batch in the next turn', async () => {
    const { written, response } = recorder();
    const answers = createTurnEndAnswers(() => {});
    answers.send(asResponse(response('first')), 200, undefined, '1');
    await turnEnd();
    answers.send(asResponse(response('second')), 200, undefined, '2');
    expect(written).toHaveLength(2);
    await turnEnd();
    expect(written.slice(2)).toEqual(['second head 200 {}', 'second body 2']);
  });
});
