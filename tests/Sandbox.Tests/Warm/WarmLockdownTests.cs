using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Warm;

/// <summary>
/// A warm caller who can run code of its choice (a function that evaluates its input) tries to plant code that later
/// callers of the same engine run: through every object reachable from the globals, the intrinsics and the built-in
/// modules, and through the objects the sandbox's own globals keep to themselves. The later caller's run sees a
/// pristine engine and nothing it does reaches the attacker.
/// </summary>
public sealed class WarmLockdownTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 1 } })
{
    // The function evaluates its input, as a calculator or a rules engine would; `stolen` is module state, which warm
    // runs of one key share by design, so whatever a planted function captures is readable by a later run.
    private const string _evaluator = """
        let runs = 0;
        const stolen = [];
        module.exports.f = async (code) => { runs++; return await (0, eval)(code)(stolen, runs, require); };
        """;

    // Walks everything reachable from the globals, the values-only intrinsics and the built-in modules, without
    // calling any getter. Used both to attack every object and to fingerprint the engine.
    private const string _reachable = """
        (() => {
          const ownKeys = Reflect.ownKeys, describe = Object.getOwnPropertyDescriptor, protoOf = Object.getPrototypeOf;
          const roots = [globalThis];
          const add = (get) => { try { const v = get(); if (v !== null && (typeof v === 'object' || typeof v === 'function')) roots.push(v); } catch (e) { } };
          add(() => protoOf(function* () {})); add(() => protoOf(function* () {}).prototype);
          add(() => protoOf(async function () {})); add(() => protoOf(async function* () {}));
          add(() => protoOf(protoOf((async function* () {})()))); add(() => protoOf(protoOf(protoOf((async function* () {})()))));
          add(() => protoOf([][Symbol.iterator]())); add(() => protoOf(new Map()[Symbol.iterator]()));
          add(() => protoOf(new Set()[Symbol.iterator]())); add(() => protoOf(''[Symbol.iterator]()));
          add(() => protoOf(/a/g[Symbol.matchAll]('a'))); add(() => protoOf(Uint8Array));
          add(() => protoOf([].values().map(x => x))); add(() => protoOf(Iterator.from({ next() { return { done: true }; } })));
          add(() => protoOf(AsyncIterator.from([]))); add(() => protoOf(AsyncIterator.from([]).map(x => x)));
          add(() => (function () { 'use strict'; return describe(arguments, 'callee').get; })());
          for (const name of ['path', 'util', 'events', 'assert', 'assert/strict', 'buffer', 'url', 'querystring', 'string_decoder', 'crypto']) {
            add(() => require(name));
          }
          const seen = new Set(), order = [];
          const visit = (v) => { if (v !== null && (typeof v === 'object' || typeof v === 'function') && !seen.has(v)) { seen.add(v); order.push(v); } };
          roots.forEach(visit);
          for (let i = 0; i < order.length; i++) {
            const o = order[i];
            visit(protoOf(o));
            for (const k of ownKeys(o)) { const d = describe(o, k); if (d) { visit(d.value); visit(d.get); visit(d.set); } }
          }
          return order;
        })()
        """;

    private static readonly string _fingerprint = $$"""
        (stolen, runs, require) => {
          const objects = {{_reachable}};
          const ids = new Map(objects.map((o, i) => [o, i]));
          const id = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function') ? typeof v + ':' + String(v) : '#' + ids.get(v);
          const lines = objects.map((o, i) => {
            const keys = Reflect.ownKeys(o).map(String).sort();
            const props = Reflect.ownKeys(o).map(k => { const d = Object.getOwnPropertyDescriptor(o, k); return [String(k), 'value' in d ? id(d.value) : id(d.get) + '/' + id(d.set), d.writable, d.enumerable, d.configurable].join(','); }).sort();
            return i + ':' + id(Object.getPrototypeOf(o)) + ':' + Object.isExtensible(o) + ':' + keys.length + ':' + props.join(';');
          });
          return { count: objects.length, text: lines.join('\n'), stackTraceLimit: Error.stackTraceLimit, env: JSON.stringify(process.env), stolen: stolen.length, runs };
        }
        """;

    // Tries every kind of write on every reachable object; the saved functions keep working whatever it replaces.
    private static readonly string _plantEverywhere = $$"""
        (stolen, runs, require) => {
          const objects = {{_reachable}};
          const R = Reflect, ownKeys = R.ownKeys, set = R.set, define = R.defineProperty, remove = R.deleteProperty, setProto = R.setPrototypeOf;
          const spy = function () { stolen.push(arguments.length); return this; };
          const evilProto = { call: spy, apply: spy, exec: spy, then: spy, toString: spy };
          let attempts = 0;
          for (let i = objects.length - 1; i >= 0; i--) {
            const o = objects[i];
            let keys = [];
            try { keys = ownKeys(o); } catch (e) { }
            for (let j = 0; j < keys.length; j++) {
              const k = keys[j];
              try { set(o, k, spy); } catch (e) { }
              try { define(o, k, { value: spy, writable: true, configurable: true }); } catch (e) { }
              try { define(o, k, { get: spy, set: spy, configurable: true }); } catch (e) { }
              attempts++;
            }
            try { set(o, 'planted', spy); } catch (e) { }
            try { set(o, Symbol.for('planted'), spy); } catch (e) { }
            try { set(o, Symbol.iterator, spy); } catch (e) { }
            try { define(o, 'exec', { get: spy, configurable: true }); } catch (e) { }
            try { setProto(o, evilProto); } catch (e) { }
            for (let j = 0; j < keys.length; j++) { try { remove(o, keys[j]); } catch (e) { } }
          }
          return { objects: objects.length, attempts, runs };
        }
        """;

    // What a later caller does: the sandbox's globals and built-in modules, used the ordinary way.
    private const string _victim = """
        async (stolen, runs, require) => {
          const before = stolen.length;
          const url = new URL('https://admin:s3cret@example.com/orders/42?token=XYZ#top');
          const out = [url.username, url.password, url.searchParams.get('token'), url.pathname, url.href.length];
          out.push(Buffer.from('victim-data').toString('base64'), JSON.stringify({ card: '4111' }), JSON.parse('{"a":[1]}').a[0]);
          out.push('a-b-c'.replace(/-/g, '+'), 'x,y'.split(','), [3, 1, 2].sort().slice(1), /(\d+)/.exec('id 42')[1]);
          out.push(require('util').format('%s:%d', 'k', 7), require('path').join('/a', 'b'), require('querystring').stringify({ q: 'v' }));
          out.push(require('crypto').createHash('sha256').update('password').digest('hex').slice(0, 8));
          out.push(new TextDecoder().decode(new TextEncoder().encode('é')), structuredClone({ a: [1] }).a[0], atob(btoa('x')));
          const emitter = new (require('events'))(); let heard = 0; emitter.on('e', (v) => { heard = v; }); emitter.emit('e', 5); out.push(heard);
          out.push(new (require('string_decoder').StringDecoder)('utf8').write(Buffer.from('sd')));
          await new Promise((resolve) => process.nextTick(resolve, 'arg'));
          await new Promise((resolve) => setTimeout(resolve, 1));
          out.push(await Promise.all([1, Promise.resolve(2)]).then((v) => v.join('')));
          out.push([...new Map([[1, 2]]).entries()].length, Array.from(new Set([1, 1, 2])).length, Object.entries({ k: 1 })[0][0]);
          for (const x of [1].values().map((v) => v * 2)) out.push(x);
          console.log('victim', url.href);
          return { out: JSON.stringify(out), called: stolen.length - before, runs };
        }
        """;

    [Fact]
    public async Task Planting_through_every_reachable_object_leaves_the_next_warm_run_a_pristine_engine()
    {
        var baseline = await Run(_fingerprint);
        var expected = await Run(_victim);
        var attack = await Run(_plantEverywhere);
        var victim = await Run(_victim);
        var after = await Run(_fingerprint);

        Assert.True(attack["objects"]!.GetValue<int>() > 1000, attack.ToJsonString());
        Assert.True(attack["attempts"]!.GetValue<int>() > 5000, attack.ToJsonString());
        Assert.Equal(expected["out"]!.GetValue<string>(), victim["out"]!.GetValue<string>());
        Assert.Equal(0, victim["called"]!.GetValue<int>());
        Assert.Equal(baseline["count"]!.GetValue<int>(), after["count"]!.GetValue<int>());
        Assert.Equal(baseline["text"]!.GetValue<string>(), after["text"]!.GetValue<string>());
        Assert.Equal(baseline["stackTraceLimit"]!.ToJsonString(), after["stackTraceLimit"]!.ToJsonString());
        Assert.Equal(baseline["env"]!.GetValue<string>(), after["env"]!.GetValue<string>());

        // One engine served all five runs: nothing was dropped and rebuilt in between.
        Assert.Equal(5, after["runs"]!.GetValue<int>());
    }

    // Ways to get hold of what the sandbox's own globals keep to themselves (the URL parser's regular expressions, the
    // arguments process.nextTick copies, the text JSON.stringify builds), by replacing what that code calls.
    public static TheoryData<string, string> HiddenObjectCaptures => new()
    {
        {
            "RegExp.prototype[Symbol.replace] and exec capture URL's regular expressions",
            """
            const exec = RegExp.prototype.exec, replace = RegExp.prototype[Symbol.replace];
            RegExp.prototype[Symbol.replace] = function (...a) { stolen.push(this); this.exec = function (s) { stolen.push(s); return exec.call(this, s); }; return replace.apply(this, a); };
            RegExp.prototype.exec = function (s) { stolen.push(this); return exec.call(this, s); };
            """
        },
        {
            "a replaced global RegExp, String and Object",
            """
            const R = RegExp, O = Object;
            globalThis.RegExp = function (...a) { const r = new R(...a); stolen.push(r); return r; };
            globalThis.Object = new Proxy(O, { get(t, k) { const v = t[k]; return typeof v === 'function' ? (...a) => { stolen.push(a[0]); return v(...a); } : v; } });
            globalThis.String = function (v) { stolen.push(v); return '' + v; };
            """
        },
        {
            "Array.prototype.slice.call captures process.nextTick's arguments",
            "Array.prototype.slice.call = function (...a) { stolen.push(a); return Function.prototype.call.apply(Array.prototype.slice, [this, ...a]); };"
        },
        {
            "JSON.stringify's prototype",
            "Object.setPrototypeOf(JSON.stringify, { call(t, ...a) { stolen.push(a); return 'x'; }, apply(t, a) { stolen.push(a); return 'x'; } });"
        },
        {
            "setters on Object.prototype for the names internal objects are built with",
            "for (const k of ['href', 'protocol', 'host', 'search', 'hash', 'username', 'password', '_parts', 'query', 'path', 'value']) { try { Object.defineProperty(Object.prototype, k, { set(v) { stolen.push(this, v); Object.defineProperty(this, k, { value: v, writable: true, enumerable: true, configurable: true }); }, configurable: true }); } catch (e) { } }"
        },
        {
            "Array.prototype.push and join",
            "const push = Array.prototype.push, join = Array.prototype.join; Array.prototype.push = function (...a) { stolen.push(this); return push.apply(this, a); }; Array.prototype.join = function (...a) { stolen.push(this); return join.apply(this, a); };"
        },
        {
            "Function.prototype.call, apply and bind",
            "const call = Function.prototype.call; for (const k of ['call', 'apply', 'bind']) { const f = Function.prototype[k]; Function.prototype[k] = function (...a) { stolen.push(this, a); return call.call(f, this, ...a); }; }"
        },
        {
            "Symbol.iterator of Array.prototype and its iterator",
            "const values = Array.prototype[Symbol.iterator]; Array.prototype[Symbol.iterator] = function () { stolen.push(this); return values.call(this); };"
        },
        {
            "Promise.prototype.then",
            "const then = Promise.prototype.then; Promise.prototype.then = function (...a) { stolen.push(this, a); return then.apply(this, a); };"
        },
    };

    [Theory]
    [MemberData(nameof(HiddenObjectCaptures))]
    public async Task A_warm_caller_cannot_reach_what_the_sandbox_globals_keep_to_themselves(string how, string plant)
    {
        var attacker = $$"""
            async (stolen, runs, require) => {
              try { {{plant}} } catch (e) { }
              try { new URL('http://attacker.example/x?y=1'); process.nextTick(() => {}); JSON.stringify({ a: 1 }); Buffer.from('a').toString('hex'); await Promise.resolve(1); } catch (e) { }
              return { captured: stolen.length, runs };
            }
            """;
        await Run(attacker);

        var victim = await Run(_victim);
        var readBack = await Run("(stolen, runs, require) => ({ text: stolen.map((s) => { try { return String(s); } catch (e) { return '?'; } }).join('|'), runs })");

        Assert.True(victim["called"]!.GetValue<int>() == 0, how);
        Assert.DoesNotContain("s3cret", readBack["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("XYZ", readBack["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, readBack["runs"]!.GetValue<int>());
    }

    // The override mistake: with the built-ins frozen, an inherited read-only property would forbid these assignments.
    public static TheoryData<string, string> OrdinaryCode => new()
    {
        { "function Point() {} Point.prototype.toString = function () { return 'P'; }; return String(new Point());", "\"P\"" },
        { "'use strict'; function E(m) { this.message = m; } E.prototype = Object.create(Error.prototype); E.prototype.constructor = E; E.prototype.name = 'E'; const e = new E('m'); return [e.name, e.constructor === E, String(e)];", "[\"E\",true,\"E: m\"]" },
        { "'use strict'; class A extends Array {} A.prototype.push = function () { return 'own'; }; return new A().push(1);", "\"own\"" },
        { "'use strict'; const o = Object.create(null); o.toString = 1; const p = {}; p.hasOwnProperty = 2; p.valueOf = 3; return [o.toString, p.hasOwnProperty, p.valueOf];", "[1,2,3]" },
        { "'use strict'; function f() {} f.toString = () => 'mine'; f.call = 1; return [f.toString(), f.call];", "[\"mine\",1]" },
        { "'use strict'; const limit = Error.stackTraceLimit; Error.stackTraceLimit = Infinity; const s = new Error('x').stack; Error.stackTraceLimit = limit; return [typeof s, Error.stackTraceLimit];", "[\"string\",10]" },
        { "'use strict'; const p = Error.prepareStackTrace; Error.prepareStackTrace = (e, s) => s; Error.prepareStackTrace = p; return typeof Error.prepareStackTrace;", "\"undefined\"" },
        { "'use strict'; process.env.NODE_ENV = 'production'; process.exitCode = 1; return [process.env.NODE_ENV, process.exitCode];", "[\"production\",1]" },
        { "'use strict'; const o = Object.assign(Object.create(Map.prototype), { get: 1, set: 2 }); return [o.get, o.set];", "[1,2]" },
        { "'use strict'; const EE = require('events'); function My() { EE.call(this); } require('util').inherits(My, EE); My.prototype.emit = function () { return 'own'; }; return new My().emit('x');", "\"own\"" },
    };

    [Theory]
    [MemberData(nameof(OrdinaryCode))]
    public async Task Ordinary_code_that_shadows_built_in_properties_works_in_a_warm_run(string body, string expected)
    {
        var source = $"let runs = 0; module.exports.f = () => {{ runs++; return (() => {{ {body} }})(); }};";

        await Sandbox.RunAsync(WarmRuns.Of(source));
        var second = await Sandbox.RunAsync(WarmRuns.Of(source));

        Assert.True(second.IsCompleted, second.Error?.Message);
        Assert.Equal(expected, second.Result!.ToJsonString());
    }

    [Fact]
    public async Task Assigning_a_locked_built_in_throws_a_TypeError_that_says_why()
    {
        var source = "module.exports.f = () => { try { Array.prototype.push = null; return 'assigned'; } catch (e) { return e.name + ': ' + e.message; } };";

        var outcome = await Sandbox.RunAsync(WarmRuns.Of(source));

        Assert.StartsWith("TypeError: Cannot assign to read only property 'push' of Array.prototype:", outcome.Result!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("locked in a warm run", outcome.Result!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engine_whose_built_ins_lead_to_state_a_frozen_object_still_lets_change_is_never_kept()
    {
        // Entries of a Map cannot be frozen: on a built-in, every caller's code would share them.
        var source = "Array.prototype.cache = new Map(); let runs = 0; module.exports.f = (k) => { runs++; [].cache.set(k, 1); return [runs, [].cache.size]; };";

        await Sandbox.RunAsync(WarmRuns.Of(source, "[\"a\"]"));
        var second = await Sandbox.RunAsync(WarmRuns.Of(source, "[\"b\"]"));

        Assert.Equal("[1,1]", second.Result!.ToJsonString());
    }

    [Fact]
    public async Task A_registry_a_package_puts_on_the_global_object_is_locked_but_its_map_is_module_state()
    {
        // As zod's __zod_globalRegistry: the object is locked (a primitive changed by a run is put back after it), its Map
        // is the package's state, shared by the key's runs.
        var source = """
            globalThis.__registry = { map: new Map(), version: 1 };
            let runs = 0;
            module.exports.f = (k) => {
              runs++;
              __registry.map.set(k, 1);
              const version = __registry.version;
              let assigned = true;
              try { __registry.version = runs + 1; } catch (e) { assigned = false; }
              return [runs, __registry.map.size, version, assigned];
            };
            """;

        await Sandbox.RunAsync(WarmRuns.Of(source, "[\"a\"]"));
        var second = await Sandbox.RunAsync(WarmRuns.Of(source, "[\"b\"]"));

        Assert.Equal("[2,2,1,true]", second.Result!.ToJsonString());
    }

    private async Task<System.Text.Json.Nodes.JsonNode> Run(string code)
    {
        var outcome = await Sandbox.RunAsync(WarmRuns.Of(_evaluator, System.Text.Json.JsonSerializer.Serialize(new[] { code }), timeout: TimeSpan.FromSeconds(60), memoryLimitBytes: 256L * 1024 * 1024));
        Assert.True(outcome.IsCompleted, $"{outcome.Error?.Kind}: {outcome.Error?.Message}\n{outcome.Error?.Stack}");
        return outcome.Result!;
    }
}
