/**
 * Analyzer plugin for how this library writes Lit elements, which the stock `--litelement` plugin
 * does not follow:
 *
 * - `static override properties = { ...SOURCE_PROPERTIES, period: {...} }`: the stock plugin reads
 *   only the literal entries; spread objects (`SOURCE_PROPERTIES`, or a rest binding such as
 *   `const { source: _x, ...LOAD_PROPERTIES } = SOURCE_PROPERTIES`) are resolved here, across modules.
 *   (`...RwAnalysisElement.properties` needs nothing: the analyzer's inheritance phase copies it.)
 * - `defineElement('rw-x', RwX)` in `index.ts` rather than `customElements.define`: recorded as the
 *   custom-element definition that gives the class its tag name (a string constant works too).
 * - Attribute types read `CohortPeriod`: named unions of string literals are expanded to
 *   `'month' | 'week' | 'day'`, so the manifest (and tools built on it) show the allowed values.
 *   Aliases imported from modules outside the manifest (`ChurnPeriod` from `./churn-analysis.js`)
 *   are looked up in those modules; `SourceAttributes['src']` reads the interface member's type.
 * - `@attr` descriptions are copied to the matching fields (and back), attributes documented in the
 *   subclass but declared in the base class get the base's field name and type, and a shared
 *   attribute one element leaves undocumented takes the description another element gives it.
 * - `dispatchEvent(new Event(SOURCE_CHANGE_EVENT))` is listed under the constant's value, once.
 *
 * Runs inside `@custom-elements-manifest/analyzer`, with the analyzer's own TypeScript (`ts` is
 * passed into every phase), never the project's TS 7 (which has no compiler API).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Reads `{ type: String, attribute: 'x-y', reflect: true }` into a plain record. */
function readDeclaration(ts, name, objectNode) {
  const decl = { name, type: undefined, attribute: name, reflect: false };
  if (!objectNode || !ts.isObjectLiteralExpression(objectNode)) return decl;
  for (const p of objectNode.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = p.name.getText();
    const v = p.initializer;
    if (key === 'type' && ts.isIdentifier(v)) decl.type = v.text.toLowerCase();
    if (key === 'attribute') decl.attribute = v.kind === ts.SyntaxKind.FalseKeyword ? false : ts.isStringLiteral(v) ? v.text : name;
    if (key === 'reflect') decl.reflect = v.kind === ts.SyntaxKind.TrueKeyword;
  }
  return decl;
}

/** `X as const` / `(X)` / `X satisfies T` → X. */
function unwrap(ts, node) {
  while (node && (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || (ts.isSatisfiesExpression && ts.isSatisfiesExpression(node)))) node = node.expression;
  return node;
}

/** Whether an object literal looks like Lit property declarations (every entry an object or a spread). */
function isPropertyObject(ts, node) {
  return (
    ts.isObjectLiteralExpression(node) &&
    node.properties.length > 0 &&
    node.properties.every((p) => ts.isSpreadAssignment(p) || (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(unwrap(ts, p.initializer))))
  );
}

/** Literal entries and spread names of a property-declarations object, in source order. */
function readPropertyObject(ts, node) {
  const items = [];
  for (const p of node.properties) {
    if (ts.isSpreadAssignment(p)) items.push({ spread: p.expression.getText() });
    else if (ts.isPropertyAssignment(p)) items.push({ decl: readDeclaration(ts, p.name.getText(), unwrap(ts, p.initializer)) });
  }
  return items;
}

/** `type X = 'a' | 'b'` → `'a' | 'b'`, else undefined. */
function literalUnionText(ts, node) {
  if (!ts.isTypeAliasDeclaration(node)) return undefined;
  const t = node.type;
  if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return `'${t.literal.text}'`;
  if (ts.isUnionTypeNode(t) && t.types.every((u) => ts.isLiteralTypeNode(u) && ts.isStringLiteral(u.literal))) {
    return t.types.map((u) => `'${u.literal.text}'`).join(' | ');
  }
  return undefined;
}

/** Local name → module file (`.ts`, relative to the root) of the relative imports and re-exports of a source file. */
function importsOf(ts, sourceFile) {
  const map = new Map();
  for (const st of sourceFile.statements) {
    const spec = st.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    const file = path.posix.join(path.posix.dirname(sourceFile.fileName), spec.text.replace(/\.js$/, '.ts'));
    const bindings = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : st.exportClause;
    if (bindings && (ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) {
      for (const e of bindings.elements) map.set(e.name.text, { file, name: (e.propertyName ?? e.name).text });
    } else if (ts.isExportDeclaration(st) && !st.exportClause) {
      map.set(`*${file}`, { file, name: '*' });
    }
  }
  return map;
}

/** @param {{ root: string }} options  the project root, to read modules the manifest does not include */
export function litStaticPropertiesPlugin({ root }) {
  /** name → items (`{decl}` | `{spread}`) or `{ from, omit }` for rest bindings. */
  const propertyObjects = new Map();
  /** `const X = 'rw-orders'` → for tag names passed by constant. */
  const stringConstants = new Map();
  /** `type CohortPeriod = 'month' | 'week' | 'day'` → the union text. */
  const literalUnions = new Map();
  /** `interface SourceAttributes { src: string | undefined }` → 'SourceAttributes' → 'src' → type text. */
  const interfaceMembers = new Map();
  /** module path → its imports (for aliases defined outside the analysed modules). */
  const moduleImports = new Map();
  /** Parsed modules outside the manifest: path → SourceFile. */
  const parsed = new Map();
  let tsApi;

  /** Finds a string-literal union alias `name` in `file`, following named and star re-exports. */
  function aliasInFile(file, name, depth = 0) {
    if (depth > 5) return undefined;
    let sf = parsed.get(file);
    if (sf === undefined) {
      const full = path.join(root, file);
      sf = existsSync(full) ? tsApi.createSourceFile(file, readFileSync(full, 'utf8'), tsApi.ScriptTarget.ES2022, true) : null;
      parsed.set(file, sf);
    }
    if (!sf) return undefined;
    for (const st of sf.statements) if (st.name?.text === name) return literalUnionText(tsApi, st);
    const imports = importsOf(tsApi, sf);
    const direct = imports.get(name);
    if (direct) return aliasInFile(direct.file, direct.name, depth + 1);
    for (const [key, target] of imports) if (key.startsWith('*')) {
      const found = aliasInFile(target.file, name, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** The declarations an identifier stands for, spreads resolved (order kept; later wins, as in JS). */
  function resolve(name, seen = new Set()) {
    if (seen.has(name)) return [];
    seen.add(name);
    const entry = propertyObjects.get(name);
    if (!entry) return [];
    if (!Array.isArray(entry)) return resolve(entry.from, seen).filter((d) => !entry.omit.includes(d.name));
    return entry.flatMap((item) => (item.decl ? [item.decl] : /\.properties$/.test(item.spread) ? [] : resolve(item.spread, seen)));
  }

  /** The type text with named string unions and `Interface['member']` spelled out. */
  const expand = (text, modulePath) => {
    if (!text) return text;
    const parts = text.split('|').map((raw) => {
      const part = raw.trim();
      const indexed = /^(\w+)\['(\w+)'\]$/.exec(part);
      if (indexed) return interfaceMembers.get(indexed[1])?.get(indexed[2]) ?? part;
      if (!/^[A-Z]\w*$/.test(part)) return part;
      if (literalUnions.has(part)) return literalUnions.get(part);
      const imported = moduleImports.get(modulePath)?.get(part);
      return (imported && aliasInFile(imported.file, imported.name)) ?? part;
    });
    return [...new Set(parts.flatMap((p) => p.split(' | ')))].join(' | ');
  };

  return {
    name: 'retention-widgets: lit static properties, spreads and defineElement',

    collectPhase({ ts, node }) {
      tsApi = ts;
      if (ts.isSourceFile(node)) moduleImports.set(node.fileName, importsOf(ts, node));
      if (ts.isInterfaceDeclaration(node)) {
        const members = new Map();
        for (const m of node.members) if (ts.isPropertySignature(m) && m.type) members.set(m.name.getText(), `${m.type.getText()}${m.questionToken && !/undefined/.test(m.type.getText()) ? ' | undefined' : ''}`);
        interfaceMembers.set(node.name.text, members);
      }
      if (ts.isVariableDeclaration(node) && node.initializer) {
        const init = unwrap(ts, node.initializer);
        if (ts.isIdentifier(node.name)) {
          if (isPropertyObject(ts, init)) propertyObjects.set(node.name.text, readPropertyObject(ts, init));
          else if (ts.isStringLiteral(init)) stringConstants.set(node.name.text, init.text);
        } else if (ts.isObjectBindingPattern(node.name) && ts.isIdentifier(init)) {
          const rest = node.name.elements.find((e) => e.dotDotDotToken);
          if (rest && ts.isIdentifier(rest.name)) {
            const omit = node.name.elements.filter((e) => !e.dotDotDotToken).map((e) => (e.propertyName ?? e.name).getText());
            propertyObjects.set(rest.name.text, { from: init.text, omit });
          }
        }
      }
      const union = literalUnionText(ts, node);
      if (union) literalUnions.set(node.name.text, union);
    },

    analyzePhase({ ts, node, moduleDoc }) {
      // Spread entries of `static properties`: add what the stock plugin skipped.
      if (ts.isClassDeclaration(node) && node.name) {
        const klass = moduleDoc.declarations.find((d) => d.kind === 'class' && d.name === node.name.text);
        const member = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword));
        const init = member && unwrap(ts, member.initializer);
        if (!klass || !init || !ts.isObjectLiteralExpression(init)) return;
        const spreads = init.properties.filter((p) => ts.isSpreadAssignment(p)).map((p) => p.expression.getText());
        for (const decl of spreads.flatMap((s) => (/\.properties$/.test(s) ? [] : resolve(s)))) {
          klass.members ??= [];
          klass.attributes ??= [];
          let field = klass.members.find((m) => m.kind === 'field' && m.name === decl.name && !m.static);
          if (!field) {
            field = { kind: 'field', name: decl.name, privacy: 'public' };
            klass.members.push(field);
          }
          if (!field.type && decl.type) field.type = { text: decl.type };
          if (decl.attribute !== false) {
            field.attribute = decl.attribute;
            if (decl.reflect) field.reflects = true;
            let attr = klass.attributes.find((a) => a.name === decl.attribute);
            if (!attr) klass.attributes.push((attr = { name: decl.attribute }));
            attr.fieldName ??= decl.name;
            if (!attr.type && field.type) attr.type = { ...field.type };
          }
        }
      }

      // defineElement('rw-x', RwX) / defineElement(TAG_CONSTANT, RwX)
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineElement' && node.arguments.length >= 2) {
        const [tagArg, classArg] = node.arguments;
        const tag = ts.isStringLiteral(tagArg) ? tagArg.text : ts.isIdentifier(tagArg) ? stringConstants.get(tagArg.text) : undefined;
        if (!tag || !ts.isIdentifier(classArg)) return;
        const className = classArg.text;
        let modulePath = moduleDoc.path;
        for (const statement of node.getSourceFile().statements) {
          if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings || !ts.isNamedImports(statement.importClause.namedBindings)) continue;
          if (statement.importClause.namedBindings.elements.some((e) => e.name.text === className)) {
            const spec = statement.moduleSpecifier.text.replace(/\.js$/, '.ts');
            modulePath = path.posix.join(path.posix.dirname(moduleDoc.path), spec);
          }
        }
        moduleDoc.exports ??= [];
        moduleDoc.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: modulePath } });
      }
    },

    packageLinkPhase({ customElementsManifest }) {
      const classes = customElementsManifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.kind === 'class').map((d) => [m.path, d]));
      const byName = new Map(classes.map(([, c]) => [c.name, c]));
      /** Attributes of the superclass chain (already inherited by the analyzer, but perhaps shadowed by a bare `@attr`). */
      const baseAttribute = (klass, name) => {
        for (let c = byName.get(klass.superclass?.name); c; c = byName.get(c.superclass?.name)) {
          const a = c.attributes?.find((x) => x.name === name && x.fieldName);
          if (a) return a;
        }
        return undefined;
      };
      for (const [modulePath, klass] of classes) {
        for (const attr of klass.attributes ?? []) {
          if (!attr.fieldName) {
            const base = baseAttribute(klass, attr.name);
            if (base) {
              attr.fieldName = base.fieldName;
              attr.type ??= base.type && { ...base.type };
              attr.inheritedFrom ??= base.inheritedFrom ?? { name: klass.superclass.name, module: klass.superclass.module };
            }
          }
          const field = klass.members?.find((m) => m.kind === 'field' && m.name === attr.fieldName);
          if (field) {
            if (!attr.type && field.type) attr.type = { ...field.type };
            if (attr.default === undefined && field.default !== undefined) attr.default = field.default;
            if (!attr.description && field.description) attr.description = field.description;
            if (!field.description && attr.description) field.description = attr.description;
          }
          if (attr.type) attr.type = { text: expand(attr.type.text, modulePath) };
        }
        for (const m of klass.members ?? []) if (m.kind === 'field' && m.type) m.type = { text: expand(m.type.text, modulePath) };
        if (klass.events) {
          const events = new Map();
          for (const e of klass.events) {
            const name = stringConstants.get(e.name) ?? e.name;
            const seen = events.get(name);
            events.set(name, seen ? { ...e, ...seen, name } : { ...e, name });
          }
          klass.events = [...events.values()];
        }
      }
      // A shared attribute left undocumented by one element: the description another element gives it.
      for (const [, klass] of classes) {
        for (const attr of klass.attributes ?? []) {
          if (attr.description || !attr.inheritedFrom) continue;
          const donor = classes
            .flatMap(([, c]) => c.attributes ?? [])
            .find((a) => a.name === attr.name && a.description && a.inheritedFrom?.name === attr.inheritedFrom.name);
          if (donor) attr.description = donor.description;
        }
      }
    },
  };
}
