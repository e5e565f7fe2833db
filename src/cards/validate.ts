import { CARD_BUDGET_BYTES, cardBytes } from './template';

/**
 * Structural check of an Adaptive Card 1.5 as Teams renders it, done offline. The official
 * `adaptivecards` package needs a DOM and no JSON schema for 1.5 with the Teams chart elements
 * ships on npm, so the rules a card must keep are written out here: known element and action
 * types, labelled inputs with unique ids, Execute verbs, toggle targets that exist, charts with a
 * fallback (not every client draws charts), no template leftovers, and the size budget.
 * Returns one message per problem, each with the path to the offending node; [] means valid.
 */
export function validateCard(card: unknown): string[] {
  const v = new Validator();
  v.run(card);
  return v.problems;
}

const ELEMENT_TYPES = new Set([
  'TextBlock',
  'RichTextBlock',
  'FactSet',
  'ColumnSet',
  'Container',
  'Table',
  'Image',
  'ImageSet',
  'ActionSet',
  'Input.Text',
  'Input.ChoiceSet',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.Number',
  'Chart.Line',
  'Chart.VerticalBar',
  'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar',
  'Chart.HorizontalBar.Stacked',
  'Chart.Pie',
  'Chart.Donut',
]);

const ACTION_TYPES = new Set(['Action.Execute', 'Action.Submit', 'Action.ToggleVisibility', 'Action.OpenUrl', 'Action.ShowCard']);

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

class Validator {
  readonly problems: string[] = [];
  private readonly ids = new Map<string, string>();
  private readonly toggles: { path: string; target: string }[] = [];

  run(card: unknown): void {
    if (!isObject(card)) {
      this.problems.push('card: not a JSON object');
      return;
    }
    if (card.type !== 'AdaptiveCard') this.problems.push(`card: type is ${JSON.stringify(card.type)}, not "AdaptiveCard"`);
    if (typeof card.version !== 'string' || !/^1\.[0-5]$/.test(card.version)) {
      this.problems.push(`card: version ${JSON.stringify(card.version)} is not an Adaptive Card version from 1.0 to 1.5`);
    }
    this.cardContent(card, 'card');
    for (const t of this.toggles) {
      if (!this.ids.has(t.target)) this.problems.push(`${t.path}: Action.ToggleVisibility targets "${t.target}", which is not an element id in the card`);
    }
    this.leftovers(card, 'card');
    const bytes = cardBytes(card);
    if (bytes > CARD_BUDGET_BYTES) this.problems.push(`card: ${bytes} bytes, over the ${CARD_BUDGET_BYTES}-byte budget`);
  }

  /** The body and actions of a card (the root, or the card inside Action.ShowCard). */
  private cardContent(card: Json, path: string): void {
    if (card.body !== undefined) this.elements(card.body, `${path}.body`);
    if (card.actions !== undefined) this.actions(card.actions, `${path}.actions`);
    if (card.selectAction !== undefined) this.action(card.selectAction, `${path}.selectAction`);
  }

  private elements(list: unknown, path: string): void {
    if (!Array.isArray(list)) {
      this.problems.push(`${path}: not a list of elements`);
      return;
    }
    list.forEach((el, i) => this.element(el, `${path}[${i}]`));
  }

  private actions(list: unknown, path: string): void {
    if (!Array.isArray(list)) {
      this.problems.push(`${path}: not a list of actions`);
      return;
    }
    list.forEach((a, i) => this.action(a, `${path}[${i}]`));
  }

  private claimId(id: unknown, path: string): void {
    if (id === undefined) return;
    if (typeof id !== 'string' || id === '') {
      this.problems.push(`${path}: id must be a non-empty string`);
      return;
    }
    const first = this.ids.get(id);
    if (first) this.problems.push(`${path}: id "${id}" is used twice (first at ${first})`);
    else this.ids.set(id, path);
  }

  private element(el: unknown, path: string): void {
    if (!isObject(el)) {
      this.problems.push(`${path}: element is not an object`);
      return;
    }
    const type = el.type;
    if (typeof type !== 'string' || !ELEMENT_TYPES.has(type)) {
      this.problems.push(`${path}: unknown element type ${JSON.stringify(type)}`);
      return;
    }
    this.claimId(el.id, path);
    if (el.fallback !== undefined && el.fallback !== 'drop') this.element(el.fallback, `${path}.fallback`);
    if (el.selectAction !== undefined) this.action(el.selectAction, `${path}.selectAction`);

    if (type.startsWith('Input.')) {
      if (typeof el.id !== 'string' || el.id === '') this.problems.push(`${path}: ${type} has no id`);
      if (typeof el.label !== 'string' || el.label.trim() === '') this.problems.push(`${path}: ${type} has no label (every input needs one)`);
      if (type === 'Input.ChoiceSet') this.choices(el.choices, path);
      return;
    }
    if (type.startsWith('Chart.')) {
      this.chart(el, type, path);
      return;
    }
    switch (type) {
      case 'TextBlock':
        if (typeof el.text !== 'string') this.problems.push(`${path}: TextBlock has no text`);
        break;
      case 'RichTextBlock':
        if (!Array.isArray(el.inlines)) this.problems.push(`${path}: RichTextBlock has no inlines`);
        break;
      case 'FactSet':
        if (!Array.isArray(el.facts)) this.problems.push(`${path}: FactSet has no facts`);
        else
          el.facts.forEach((f, i) => {
            if (!isObject(f) || typeof f.title !== 'string' || typeof f.value !== 'string') {
              this.problems.push(`${path}.facts[${i}]: a fact needs a text title and a text value`);
            }
          });
        break;
      case 'Container':
        this.elements(el.items ?? [], `${path}.items`);
        break;
      case 'ColumnSet':
        this.columns(el.columns ?? [], `${path}.columns`);
        break;
      case 'Table':
        this.table(el, path);
        break;
      case 'Image':
        if (typeof el.url !== 'string' || el.url === '') this.problems.push(`${path}: Image has no url`);
        if (typeof el.altText !== 'string' || el.altText === '') this.problems.push(`${path}: Image has no altText`);
        break;
      case 'ImageSet':
        this.elements(el.images ?? [], `${path}.images`);
        break;
      case 'ActionSet':
        this.actions(el.actions, `${path}.actions`);
        break;
    }
  }

  private columns(list: unknown, path: string): void {
    if (!Array.isArray(list)) {
      this.problems.push(`${path}: not a list of columns`);
      return;
    }
    list.forEach((c, i) => {
      const p = `${path}[${i}]`;
      if (!isObject(c) || (c.type !== undefined && c.type !== 'Column')) {
        this.problems.push(`${p}: not a Column`);
        return;
      }
      this.claimId(c.id, p);
      this.elements(c.items ?? [], `${p}.items`);
      if (c.selectAction !== undefined) this.action(c.selectAction, `${p}.selectAction`);
    });
  }

  private table(el: Json, path: string): void {
    const width = Array.isArray(el.columns) ? el.columns.length : undefined;
    if (width === undefined) this.problems.push(`${path}: Table has no columns`);
    if (!Array.isArray(el.rows)) {
      this.problems.push(`${path}: Table has no rows`);
      return;
    }
    el.rows.forEach((row, r) => {
      const p = `${path}.rows[${r}]`;
      if (!isObject(row) || row.type !== 'TableRow' || !Array.isArray(row.cells)) {
        this.problems.push(`${p}: not a TableRow with cells`);
        return;
      }
      if (width !== undefined && row.cells.length > width) this.problems.push(`${p}: ${row.cells.length} cells for ${width} columns`);
      row.cells.forEach((cell, c) => {
        const cp = `${p}.cells[${c}]`;
        if (!isObject(cell) || cell.type !== 'TableCell') {
          this.problems.push(`${cp}: not a TableCell`);
          return;
        }
        this.claimId(cell.id, cp);
        this.elements(cell.items ?? [], `${cp}.items`);
      });
    });
  }

  private choices(list: unknown, path: string): void {
    // Choices may come from a data query (Teams dynamic typeahead); a static list must be well formed.
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      this.problems.push(`${path}: Input.ChoiceSet choices must be a list`);
      return;
    }
    list.forEach((c, i) => {
      if (!isObject(c) || typeof c.title !== 'string' || typeof c.value !== 'string') {
        this.problems.push(`${path}.choices[${i}]: a choice needs a text title and a text value`);
      }
    });
  }

  private chart(el: Json, type: string, path: string): void {
    if (el.fallback === undefined || el.fallback === 'drop') {
      this.problems.push(`${path}: ${type} has no fallback element (charts do not draw on every client; give a Table or FactSet)`);
    }
    if (!Array.isArray(el.data)) {
      this.problems.push(`${path}: ${type} has no data list`);
      return;
    }
    const isNumber = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
    el.data.forEach((d, i) => {
      const p = `${path}.data[${i}]`;
      if (!isObject(d)) {
        this.problems.push(`${p}: not an object`);
        return;
      }
      if (type === 'Chart.Line' || type.endsWith('.Grouped') || type.endsWith('.Stacked')) {
        if (typeof d.legend !== 'string') this.problems.push(`${p}: a series needs a legend`);
        if (!Array.isArray(d.values)) this.problems.push(`${p}: a series needs values`);
        else
          d.values.forEach((pt, j) => {
            if (!isObject(pt) || pt.x === undefined || !isNumber(pt.y)) this.problems.push(`${p}.values[${j}]: a point needs x and a numeric y`);
          });
      } else if (type === 'Chart.Pie' || type === 'Chart.Donut') {
        if (typeof d.legend !== 'string' || !isNumber(d.value)) this.problems.push(`${p}: a slice needs a legend and a numeric value`);
      } else if (d.x === undefined || !isNumber(d.y)) {
        this.problems.push(`${p}: a bar needs x and a numeric y`);
      }
    });
  }

  private action(a: unknown, path: string): void {
    if (!isObject(a)) {
      this.problems.push(`${path}: action is not an object`);
      return;
    }
    const type = a.type;
    if (typeof type !== 'string' || !ACTION_TYPES.has(type)) {
      this.problems.push(`${path}: unknown action type ${JSON.stringify(type)}`);
      return;
    }
    this.claimId(a.id, path);
    if (a.fallback !== undefined && a.fallback !== 'drop') this.action(a.fallback, `${path}.fallback`);
    if (typeof a.title !== 'string' && typeof a.iconUrl !== 'string') this.problems.push(`${path}: ${type} has no title`);
    switch (type) {
      case 'Action.Execute':
        if (typeof a.verb !== 'string' || a.verb === '') this.problems.push(`${path}: Action.Execute has no verb`);
        break;
      case 'Action.OpenUrl':
        if (typeof a.url !== 'string' || a.url === '') this.problems.push(`${path}: Action.OpenUrl has no url`);
        break;
      case 'Action.ShowCard':
        if (!isObject(a.card) || a.card.type !== 'AdaptiveCard') this.problems.push(`${path}: Action.ShowCard has no card`);
        else this.cardContent(a.card, `${path}.card`);
        break;
      case 'Action.ToggleVisibility':
        if (!Array.isArray(a.targetElements) || a.targetElements.length === 0) {
          this.problems.push(`${path}: Action.ToggleVisibility has no targetElements`);
          break;
        }
        a.targetElements.forEach((t, i) => {
          const target = typeof t === 'string' ? t : isObject(t) ? t.elementId : undefined;
          if (typeof target !== 'string') this.problems.push(`${path}.targetElements[${i}]: not an element id`);
          else this.toggles.push({ path, target });
        });
        break;
    }
  }

  /** A "${…}" left in any text means a template field had no data. */
  private leftovers(node: unknown, path: string): void {
    if (typeof node === 'string') {
      if (/\$\{[^}]*\}/.test(node)) this.problems.push(`${path}: unexpanded template expression in ${JSON.stringify(node.slice(0, 80))}`);
    } else if (Array.isArray(node)) {
      node.forEach((x, i) => this.leftovers(x, `${path}[${i}]`));
    } else if (isObject(node)) {
      for (const [k, x] of Object.entries(node)) {
        if (k.startsWith('$') && k !== '$schema') this.problems.push(`${path}.${k}: template directive left in the card`);
        this.leftovers(x, `${path}.${k}`);
      }
    }
  }
}
