import { describe, expect, it } from 'vitest';
import { parseDeskYaml } from '../../../adapters/config/index.js';
import { editedSample, expectProblem, problemsOf } from './config-fixtures.js';

const SOURCE = '/etc/deskbot/desk.yaml';
const parse = (text: string) => parseDeskYaml(text, SOURCE);

describe('desk.yaml problems carry their path', () => {
  it('refuses a level outside 1–3, naming the line', () => {
    let index = -1;
    const text = editedSample((doc, at) => {
      index = at('eng-wanglei');
      doc.setIn(['people', index, 'level'], '4');
    });
    const problem = expectProblem(parse(text), `people[${index}].level`, /must be 1, 2 or 3/);
    expect(problem.source).toBe(SOURCE);
    const levelLine = text.split('\n').findIndex((l) => l.trim() === 'level: 4') + 1;
    expect(problem.line).toBe(levelLine);
  });

  it('requires a level for engineers and forbids it for everyone else', () => {
    let eng = -1;
    let desk = -1;
    const text = editedSample((doc, at) => {
      eng = at('eng-hejing');
      desk = at('desk-lina');
      doc.deleteIn(['people', eng, 'level']);
      doc.setIn(['people', desk, 'level'], '2');
    });
    const result = parse(text);
    expectProblem(result, `people[${eng}].level`, /required for an engineer/);
    expectProblem(result, `people[${desk}].level`, /only engineers have a level .*desk/);
  });

  it('refuses an unknown skill', () => {
    let index = -1;
    const text = editedSample((doc, at) => {
      index = at('eng-liuyang');
      doc.setIn(['people', index, 'skills'], doc.createNode(['电脑', '空调']));
    });
    expectProblem(parse(text), `people[${index}].skills[1]`, /must be a category name/);
  });

  it('refuses a skill whose category the file does not define', () => {
    let index = -1;
    const text = editedSample((doc, at) => {
      index = at('eng-wanglei');
      doc.deleteIn(['categories', 7]); // 其他
    });
    expectProblem(parse(text), `people[${index}].skills[2]`, /'其他' is not among the categories defined/);
  });

  it('refuses a rota naming an unknown person or shift', () => {
    const text = editedSample((doc) => {
      doc.setIn(['rota', 0, 'people', 0], 'desk-nobody');
      doc.setIn(['rota', 1, 'shift'], '夜');
    });
    const result = parse(text);
    expectProblem(result, 'rota[0].people[0]', /'desk-nobody' is not a person id/);
    expectProblem(result, 'rota[1].shift', /no defined shift '夜'; shifts are 早, 中, 晚/);
  });

  it('refuses duplicate ids and shared contact details', () => {
    let second = -1;
    let first = -1;
    const text = editedSample((doc, at) => {
      first = at('desk-lina');
      second = at('desk-zhangli');
      doc.setIn(['people', second, 'id'], 'desk-lina');
      doc.setIn(['people', second, 'email'], 'LiNa@example.edu.cn');
      doc.setIn(['people', second, 'phone'], '138-0010-0001');
    });
    const result = parse(text);
    expectProblem(
      result,
      `people[${second}].id`,
      new RegExp(`id 'desk-lina' is already used at people\\[${first}\\]`),
    );
    expectProblem(result, `people[${second}].email`, /lina@example.edu.cn/);
    expectProblem(result, `people[${second}].phone`, /already used/);
  });

  it('refuses an unknown time zone', () => {
    const text = editedSample((doc) => doc.set('timezone', 'Asia/Beijing'));
    expectProblem(parse(text), 'timezone', /IANA time zone/);
  });

  it('needs an active desk engineer and a manager', () => {
    const text = editedSample((doc, at) => {
      doc.setIn(['people', at('mgr-qianjianguo'), 'role'], 'auditor');
    });
    expectProblem(parse(text), 'people', /role manager/);
  });

  it('checks prefix, times, hotlines, categories and unknown fields', () => {
    let index = -1;
    const text = editedSample((doc, at) => {
      index = at('eng-zhaomin');
      doc.set('ticketPrefix', 'inc');
      doc.setIn(['shifts', 0, 'end'], '25:00');
      doc.setIn(['hotlines', 0], '400-888');
      doc.setIn(['categories', 1, 'name'], '电脑');
      doc.setIn(['categories', 2, 'keywords'], doc.createNode([]));
      doc.setIn(['categories', 3, 'keywords', 0], 'Outlook');
      doc.setIn(['people', index, 'skils'], doc.createNode(['电脑']));
    });
    const result = parse(text);
    expectProblem(result, 'ticketPrefix', /2 to 8 capital letters/);
    expectProblem(result, 'shifts[0].end', /HH:MM from 00:00 to 24:00/);
    expectProblem(result, 'hotlines[0]', /digits only/);
    expectProblem(result, 'categories[1].name', /category 电脑 is already used at categories\[0\]/);
    expectProblem(result, 'categories[2].keywords', /at least one keyword/);
    expectProblem(
      result,
      'categories[3].keywords[0]',
      /keyword 'outlook' is already used at categories\[0\]/,
    );
    expectProblem(result, `people[${index}]`, /unknown field 'skils'/);
  });

  it('reports problems in different sections in one pass', () => {
    let index = -1;
    const text = editedSample((doc, at) => {
      index = at('eng-chenchen');
      doc.setIn(['people', index, 'level'], 'L9');
      doc.setIn(['rota', 2, 'people', 0], 'ghost');
      doc.set('timezone', 'Mars/Olympus');
    });
    const paths = problemsOf(parse(text)).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([`people[${index}].level`, 'rota[2].people[0]', 'timezone']),
    );
  });

  it('reports invalid YAML with its line number', () => {
    const text = 'name: 服务台\npeople:\n  - id: a\n    name: 王: 磊\n    role: desk\n';
    const problems = problemsOf(parse(text));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.message).toMatch(/^invalid YAML: .*line 4, column \d+$/);
    expect(problems[0]?.line).toBe(4);
    expect(problems[0]?.source).toBe(SOURCE);
  });

  it('reports a repeated key as invalid YAML', () => {
    const problems = problemsOf(parse('name: a\nname: b\n'));
    expect(problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/keys must be unique/) });
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expectProblem(parse('# nothing yet\n'), '', /is empty/);
    expectProblem(parse('- a\n- b\n'), '', /must be a mapping/);
  });

  it('points a missing required field at its owner', () => {
    const text = 'name: x\npeople:\n  - id: a\n    role: desk\n';
    const problem = expectProblem(parse(text), 'people[0].name', /is required/);
    expect(problem.line).toBe(3);
  });
});
