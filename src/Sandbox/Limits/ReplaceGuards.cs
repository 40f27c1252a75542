using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// <c>replace</c> and <c>replaceAll</c> build their whole result in one go, with no check between the matches:
/// <c>'x'.repeat(1000).replaceAll('x', 'y'.repeat(1e6))</c> is two gigabytes before the next statement, and a
/// replacement using <c>$`</c> or <c>$'</c> grows with the square of the input. The result's size is worked out
/// first and charged to the memory budget: exactly for a string pattern, and for a regular expression from an upper
/// bound — or, when the bound does not fit, by doing the replacement here, match by match, charging the result as it
/// grows and checking the deadline.
/// </summary>
/// <remarks>
/// <c>this</c>, the pattern and the replacement are coerced once, in the specification's order, and the primitives
/// passed on. A function replacement is left to the original: each call runs script, which the budget checks.
/// </remarks>
internal sealed class ReplaceGuards
{
    // A builder doubles as it grows, then copies: charged twice the result's two bytes a character.
    private const int _builderFactor = 2;

    private readonly Engine _engine;
    private readonly MemoryBudget _budget;
    private readonly ObjectInstance _stringPrototype;
    private readonly JsValue _exec;

    // Taken while the global is pristine: a script may replace globalThis.RangeError, not what this throws.
    private readonly Jint.Native.Error.ErrorConstructor? _rangeError;

    private ReplaceGuards(Engine engine, MemoryBudget budget, ObjectInstance stringPrototype, JsValue exec)
    {
        _engine = engine;
        _budget = budget;
        _stringPrototype = stringPrototype;
        _exec = exec;
        _rangeError = engine.Global.Get("RangeError") as Jint.Native.Error.ErrorConstructor;
    }

    public static void Install(Engine engine, MemoryBudget budget)
    {
        if (GuardedBuiltin.PrototypeOf(engine, "String") is not { } stringPrototype
            || GuardedBuiltin.PrototypeOf(engine, "RegExp") is not { } regExpPrototype)
        {
            return;
        }

        // The built-in exec, taken before any script can replace it: the specification falls back to it (RegExpBuiltinExec).
        var guards = new ReplaceGuards(engine, budget, stringPrototype, regExpPrototype.GetOwnProperty("exec").Value);
        GuardedBuiltin.Replace(engine, stringPrototype, "replace", 2, (thisObject, arguments) => guards.StringPattern(thisObject, arguments, all: false));
        GuardedBuiltin.Replace(engine, stringPrototype, "replaceAll", 2, (thisObject, arguments) => guards.StringPattern(thisObject, arguments, all: true));
        GuardedBuiltin.Replace(engine, regExpPrototype, GlobalSymbolRegistry.Replace, 2, guards.RegExpPattern);
    }

    private (JsValue This, JsValue[] Arguments) StringPattern(JsValue thisObject, JsValue[] arguments, bool all)
    {
        var search = arguments.At(0);
        var replacement = arguments.At(1);

        // A pattern object (a regular expression) is replaced by its own Symbol.replace, guarded below; a
        // Symbol.replace some script put on a primitive's prototype is script. Both go to the original untouched.
        if (thisObject.IsNull() || thisObject.IsUndefined() || search.IsObject() || HasReplaceMethod(search))
        {
            return (thisObject, arguments);
        }

        var text = TypeConverter.ToString(thisObject);
        var searchText = TypeConverter.ToString(search);
        if (replacement.IsCallable())
        {
            return (text, [searchText, replacement]);
        }

        var template = Template.Parse(TypeConverter.ToString(replacement));
        var operation = all ? "String.prototype.replaceAll" : "String.prototype.replace";
        long total = text.Length;
        var advance = Math.Max(1, searchText.Length);
        for (var at = text.IndexOf(searchText, StringComparison.Ordinal); at >= 0; at = all && at + advance <= text.Length ? text.IndexOf(searchText, at + advance, StringComparison.Ordinal) : -1)
        {
            total += template.Length(text.Length, at, searchText.Length, []) - searchText.Length;
            if (total > StringAllocationGuards.JsStringLimit)
            {
                break;
            }
        }

        Charge(total, operation);
        return (text, [searchText, template.Text]);
    }

    private JsValue RegExpPattern(JsValue thisObject, JsValue[] arguments, Func<JsValue, JsValue[], JsValue> original)
    {
        if (thisObject is not ObjectInstance regExp || arguments.At(1).IsCallable())
        {
            return original(thisObject, arguments);
        }

        var text = TypeConverter.ToString(arguments.At(0));
        var template = Template.Parse(TypeConverter.ToString(arguments.At(1)));
        if (regExp is not JsRegExp builtin || !UsesBuiltinExec(regExp))
        {
            // An exec of the script's own can answer anything, captures included: replaced here, as the
            // specification does it, charging the result as it grows.
            return Replace(regExp, text, template, streaming: false);
        }

        // Matches do not overlap, so what $& and captures add is at most the input once each; only $` and $' grow
        // with the number of matches. When even that bound fits, nothing is counted; otherwise the matches are
        // counted with the expression itself (it obeys the regex timeout) and the result charged before it is built.
        // An expression the engine runs on its own matcher (no .NET Regex to count with) is charged as it goes.
        var bounded = _budget.HasRoomFor(Bytes(template.Bound(text.Length)));
        if (!bounded && builtin.Value is not null)
        {
            Charge(template.Measure(builtin, text, StringAllocationGuards.JsStringLimit), "RegExp.prototype[Symbol.replace]");
        }

        if (template.HasSubstitutions || (!bounded && builtin.Value is null))
        {
            // The engine builds a replacement with $ patterns by concatenating the whole result again at every
            // match (100,000 matches took over a minute) and keeps every match object until the end. With the
            // engine's own exec nothing can observe the order, so each match is expanded and dropped as it is found.
            return Replace(regExp, text, template, streaming: true);
        }

        return original(regExp, [text, template.Text]);
    }

    // The exec a replace would call is the engine's own: found through data properties only, no getter run.
    private bool UsesBuiltinExec(ObjectInstance regExp)
    {
        for (var owner = regExp; owner is not null; owner = owner.Prototype)
        {
            var descriptor = owner.GetOwnProperty("exec");
            if (descriptor != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined)
            {
                return descriptor.IsDataDescriptor() && ReferenceEquals(descriptor.Value, _exec);
            }
        }

        return false;
    }

    // RegExp.prototype[Symbol.replace] as the specification writes it (ES2024 22.2.6.11), for a string replacement:
    // the matches first, then the result, charged to the budget as it grows.
    private JsString Replace(ObjectInstance regExp, string text, Template template, bool streaming)
    {
        var flags = TypeConverter.ToString(regExp.Get("flags"));
        var global = flags.Contains('g', StringComparison.Ordinal);
        var unicode = flags.Contains('u', StringComparison.Ordinal) || flags.Contains('v', StringComparison.Ordinal);
        if (global)
        {
            regExp.Set("lastIndex", 0, throwOnError: true);
        }

        var results = new List<ObjectInstance>();
        var output = new StringBuilder();
        var charged = 0L;
        var next = 0;
        var found = 0;
        while (true)
        {
            var result = Exec(regExp, text);
            if (result is null)
            {
                break;
            }

            found++;
            if (streaming)
            {
                Append(result, text, template, output, ref charged, ref next);
            }
            else
            {
                results.Add(result);
            }

            if (!global)
            {
                break;
            }

            if (TypeConverter.ToString(result.Get("0")).Length == 0)
            {
                var lastIndex = (long)TypeConverter.ToLength(regExp.Get("lastIndex"));
                regExp.Set("lastIndex", Advance(text, lastIndex, unicode), throwOnError: true);
            }

            if ((found & 0x3FF) == 0)
            {
                _engine.Constraints.Check();
            }
        }

        foreach (var result in results)
        {
            Append(result, text, template, output, ref charged, ref next);
            if ((--found & 0x3FF) == 0)
            {
                _engine.Constraints.Check();
            }
        }

        Charge(output.Length + (long)(text.Length - Math.Min(next, text.Length)), "RegExp.prototype[Symbol.replace]");
        if (next < text.Length)
        {
            output.Append(text, next, text.Length - next);
        }

        return new JsString(output.ToString());
    }

    // One match's replacement appended to the output (GetSubstitution), the output charged as it grows.
    private void Append(ObjectInstance result, string text, Template template, StringBuilder output, ref long charged, ref int next)
    {
        var captureCount = Math.Max((long)TypeConverter.ToLength(result.Get("length")) - 1, 0);
        _budget.EnsureRoomFor(captureCount * IntPtr.Size, "RegExp.prototype[Symbol.replace]");
        var matched = TypeConverter.ToString(result.Get("0"));
        var position = (int)Math.Clamp(TypeConverter.ToIntegerOrInfinity(result.Get("index")), 0, text.Length);
        var captures = new string?[captureCount];
        for (var i = 0; i < captureCount; i++)
        {
            var capture = result.Get(i + 1);
            captures[i] = capture.IsUndefined() ? null : TypeConverter.ToString(capture);
        }

        var groups = result.Get("groups");

        // Charged before the expansion is built: '$1' a hundred times over a megabyte capture is 200 MB at once.
        var longestCapture = 0L;
        foreach (var capture in captures)
        {
            longestCapture = Math.Max(longestCapture, capture?.Length ?? 0);
        }

        var grown = output.Length + Math.Max(0, position - next) + template.UpperLength(text.Length, position, matched.Length, longestCapture);
        if (grown > charged)
        {
            charged = Math.Max(grown, charged * 2);
            Charge(charged, "RegExp.prototype[Symbol.replace]");
        }

        var replacement = template.Expand(text, position, matched, captures, groups.IsUndefined() ? null : groups as ObjectInstance ?? _engine.Intrinsics.Object.Construct([groups]));
        if (position >= next)
        {
            output.Append(text, next, position - next).Append(replacement);
            next = position + matched.Length;
        }
    }

    private ObjectInstance? Exec(ObjectInstance regExp, string text)
    {
        var exec = regExp.Get("exec");
        var result = _engine.Call(exec.IsCallable() ? exec : _exec, regExp, [text]);
        return result switch
        {
            ObjectInstance match => match,
            _ when result.IsNull() => null,
            _ => throw new JavaScriptException(_engine.Intrinsics.TypeError, "The result of a regular expression's exec must be an object or null."),
        };
    }

    private static long Advance(string text, long index, bool unicode) =>
        unicode && index + 1 < text.Length && char.IsSurrogatePair(text[(int)index], text[(int)index + 1]) ? index + 2 : index + 1;

    private bool HasReplaceMethod(JsValue primitive)
    {
        var prototype = primitive.IsString() ? _stringPrototype : _engine.Intrinsics.Object.Construct([primitive]).Prototype;
        for (var owner = prototype; owner is not null; owner = owner.Prototype)
        {
            if (owner.GetOwnProperty(GlobalSymbolRegistry.Replace) != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined)
            {
                return true;
            }
        }

        return false;
    }

    // Past the longest string the engine holds the result cannot be built at all: a RangeError the script can catch,
    // as Node answers (it used to surface as a host failure, Internal).
    private void Charge(long characters, string operation)
    {
        if (characters > StringAllocationGuards.JsStringLimit)
        {
            throw _rangeError is { } rangeError
                ? new JavaScriptException(rangeError, "Invalid string length")
                : new MemoryLimitExceededException($"{operation} would build a string longer than the engine holds.");
        }

        _budget.EnsureRoomFor(Bytes(characters), operation);
    }

    private static long Bytes(long characters) => characters * 2 * _builderFactor;

    /// <summary>A replacement string's <c>$</c> patterns (GetSubstitution), parsed once.</summary>
    private sealed class Template
    {
        private readonly List<(char Kind, int Start, int Length)> _parts = [];

        private Template(string text) => Text = text;

        public string Text { get; }

        /// <summary>True when the replacement has <c>$</c> patterns to expand at each match.</summary>
        public bool HasSubstitutions => _parts.Count > 0;

        private int _literal;
        private int _wholeInput;

        public static Template Parse(string text)
        {
            var template = new Template(text);
            var literalStart = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '$' || i + 1 >= text.Length)
                {
                    continue;
                }

                var next = text[i + 1];
                if (next is '$' or '&' or '`' or '\'' or '<' || char.IsAsciiDigit(next))
                {
                    template.Literal(literalStart, i - literalStart);
                    var length = next == '<' ? Math.Max(2, text.IndexOf('>', i) - i + 1) : char.IsAsciiDigit(next) && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]) ? 3 : 2;
                    if (next == '<' && text.IndexOf('>', i) < 0)
                    {
                        length = 2;
                    }

                    template._parts.Add((next, i, length));
                    template._wholeInput++;
                    template._prefixLike += next is '`' or '\'' ? 1 : 0;
                    i += length - 1;
                    literalStart = i + 1;
                }
            }

            template.Literal(literalStart, text.Length - literalStart);
            return template;
        }

        private int _prefixLike;

        /// <summary>
        /// The most the result can be for an input of <paramref name="inputLength"/> replaced by the engine's own
        /// regular expression: every position a match, $&amp; and captures adding the input at most once in all (the
        /// matches do not overlap), $` and $' the input at every match.
        /// </summary>
        public long Bound(int inputLength) =>
            inputLength + ((inputLength + 1L) * (_literal + 3)) + ((long)(_wholeInput - _prefixLike) * inputLength) + ((long)_prefixLike * (inputLength + 1L) * inputLength);

        /// <summary>The result's length, counting <paramref name="regExp"/>'s matches in <paramref name="input"/>; stops past <paramref name="limit"/>.</summary>
        public long Measure(JsRegExp regExp, string input, double limit)
        {
            long total = input.Length;
            var match = regExp.Value.Match(input);
            while (match.Success && total <= limit)
            {
                total += Length(input.Length, match.Index, match.Length, []) - match.Length;
                foreach (var (kind, _, _) in _parts)
                {
                    if (kind is '<' || char.IsAsciiDigit(kind))
                    {
                        // A capture is part of its match: counted at the match's length.
                        total += match.Length;
                    }
                }

                if (!regExp.Global)
                {
                    break;
                }

                match = match.NextMatch();
            }

            return total;
        }

        /// <summary>
        /// At least the expansion's length at one match: a capture or a named group counted as the longest capture
        /// (a named group's value some script supplied is charged when the output is).
        /// </summary>
        public long UpperLength(int inputLength, int position, int matchLength, long longestCapture)
        {
            var length = Length(inputLength, position, matchLength, []);
            foreach (var (kind, _, _) in _parts)
            {
                if (kind is '<' || char.IsAsciiDigit(kind))
                {
                    length += longestCapture;
                }
            }

            return length;
        }

        /// <summary>The length of the expansion for a string pattern (no captures) matched at <paramref name="position"/>.</summary>
        public long Length(int inputLength, int position, int matchLength, string?[] captures)
        {
            long length = _literal;
            foreach (var (kind, start, partLength) in _parts)
            {
                length += kind switch
                {
                    '$' => 1,
                    '&' => matchLength,
                    '`' => position,
                    '\'' => Math.Max(0, inputLength - position - matchLength),
                    _ => partLength,
                };
            }

            return length;
        }

        public string Expand(string input, int position, string matched, string?[] captures, ObjectInstance? groups)
        {
            var builder = new StringBuilder();
            var at = 0;
            foreach (var (kind, start, length) in _parts)
            {
                builder.Append(Text, at, start - at);
                at = start + length;
                switch (kind)
                {
                    case '$':
                        builder.Append('$');
                        break;
                    case '&':
                        builder.Append(matched);
                        break;
                    case '`':
                        builder.Append(input, 0, position);
                        break;
                    case '\'':
                        var tail = Math.Min(input.Length, position + matched.Length);
                        builder.Append(input, tail, input.Length - tail);
                        break;
                    case '<':
                        if (groups is null || length < 3)
                        {
                            builder.Append(Text, start, length);
                        }
                        else
                        {
                            var value = groups.Get(Text.Substring(start + 2, length - 3));
                            if (!value.IsUndefined())
                            {
                                builder.Append(TypeConverter.ToString(value));
                            }
                        }

                        break;
                    default:
                        AppendCapture(builder, start, length, captures);
                        break;
                }
            }

            builder.Append(Text, at, Text.Length - at);
            return builder.ToString();
        }

        // $n and $nn: a two-digit reference that names no capture falls back to one digit and a literal, as in the
        // specification; one that names none at all stays literal.
        private void AppendCapture(StringBuilder builder, int start, int length, string?[] captures)
        {
            if (length == 3 && int.Parse(Text.AsSpan(start + 1, 2), System.Globalization.CultureInfo.InvariantCulture) is var two && two >= 1 && two <= captures.Length)
            {
                builder.Append(captures[two - 1]);
                return;
            }

            var one = Text[start + 1] - '0';
            if (one >= 1 && one <= captures.Length)
            {
                builder.Append(captures[one - 1]);
                builder.Append(Text, start + 2, length - 2);
                return;
            }

            builder.Append(Text, start, length);
        }

        private void Literal(int start, int length) => _literal += Math.Max(0, length);
    }
}
