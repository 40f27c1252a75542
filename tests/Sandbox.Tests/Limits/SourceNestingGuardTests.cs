using IsolatedRuntime.Sandbox.Limits;
using Jint;

namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>Sources nested deeper than the parser can safely recurse are refused before parsing; real code never is.</summary>
public sealed class SourceNestingGuardTests
{
    /// <summary>Every construct a recursive-descent parser recurses on, as a generator of depth <c>n</c>.</summary>
    public static TheoryData<string> Constructs => new()
    {
        "parentheses", "arrays", "objects", "blocks", "not", "negation", "typeof", "void", "delete", "new",
        "assignment", "compound assignment", "exponent", "ternary", "arrow", "if", "else", "while", "for", "do",
        "labels", "functions", "template", "await", "yield", "spread", "calls in arguments", "regex-looking division",
    };

    public static string Generate(string construct, int n) => construct switch
    {
        "parentheses" => "var x = " + new string('(', n) + "1" + new string(')', n),
        "arrays" => "var x = " + new string('[', n) + new string(']', n),
        "objects" => "var x = " + Repeat("{a:", n) + "1" + new string('}', n),
        "blocks" => new string('{', n) + new string('}', n),
        "not" => "var x = " + new string('!', n) + "1",
        "negation" => "var x = " + Repeat("- ", n) + "1",
        "typeof" => "var x = " + Repeat("typeof ", n) + "1",
        "void" => "var x = " + Repeat("void ", n) + "1",
        "delete" => "var x = " + Repeat("delete ", n) + "1",
        "new" => "function X() {} var x = " + Repeat("new ", n) + "X",
        "assignment" => "var a; " + Repeat("a = ", n) + "1",
        "compound assignment" => "var a = 1; " + Repeat("a += ", n) + "1",
        "exponent" => "var a = 1; " + Repeat("a ** ", n) + "1",
        "ternary" => "var a = 0; " + Repeat("a ? a : ", n) + "1",
        "arrow" => "var f = " + Repeat("a => ", n) + "1",
        "if" => Repeat("if (1) ", n) + ";",
        "else" => Repeat("if (0) ; else ", n) + ";",
        "while" => Repeat("while (0) ", n) + ";",
        "for" => Repeat("for (;0;) ", n) + ";",
        "do" => Repeat("do ", n) + ";" + Repeat(" while (0)", n),
        "labels" => string.Concat(Enumerable.Range(0, n).Select(i => $"l{i}: ")) + ";",
        "functions" => Repeat("function f() {", n) + new string('}', n),
        "template" => "var x = " + Repeat("`${", n) + "1" + Repeat("}`", n),
        "await" => "async function f() { return " + Repeat("await ", n) + "1 }",
        "yield" => "function* g() { " + Repeat("yield ", n) + "1 }",
        "spread" => "var x = []; var y = " + Repeat("[...", n) + "x" + new string(']', n),
        "calls in arguments" => "function f(a) { return a } f" + Repeat("(f", n) + "(1" + new string(')', n + 1),
        "regex-looking division" => "var a = 1; var x = " + Repeat("(a / ", n) + "1" + new string(')', n),
        _ => throw new ArgumentOutOfRangeException(nameof(construct), construct, "no generator"),
    };

    [Theory]
    [MemberData(nameof(Constructs))]
    public void A_source_nested_100000_deep_is_refused_with_a_clear_message(string construct)
    {
        var problem = SourceNestingGuard.FindProblem(Generate(construct, 100_000), "index.js");

        Assert.NotNull(problem);
        Assert.StartsWith("index.js nests ", problem);
        Assert.Contains($"The limit is {SourceNestingGuard.MaxDepth}", problem);
    }

    [Theory]
    [MemberData(nameof(Constructs))]
    public void Nesting_just_under_the_limit_is_accepted_and_parses_on_the_pool_stack(string construct)
    {
        var source = Generate(construct, SourceNestingGuard.MaxDepth / 4);

        Assert.Null(SourceNestingGuard.FindProblem(source));
        ParsesOrIsRefusedCleanly(source);
    }

    [Theory]
    [MemberData(nameof(Constructs))]
    public void Nesting_at_the_limit_parses_on_the_pool_stack_without_crashing(string construct)
    {
        ParsesOrIsRefusedCleanly(Generate(construct, SourceNestingGuard.MaxDepth));
    }

    [Theory]
    [InlineData("lodash.min.js")]
    [InlineData("moment-with-locales.min.js")]
    public void Real_minified_libraries_are_accepted(string file)
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Limits", "RealCode", file));

        Assert.Null(SourceNestingGuard.FindProblem(source));
        Assert.True(SourceNestingScanner.FindDeepest(source).Depth < SourceNestingGuard.MaxDepth / 10);
    }

    public static TheoryData<string> TrickySources => new()
    {
        "var s = '((((((((((' + \"[[[[[[[\" + `{{{{{{` ; // ((((((((((((\n var t = 1;",
        "/* {{{{{{{{{{{{{{{{{{{{{ */ var re = /[(]{3}\\//g; var d = 4 / 2 / 1;",
        "var x = `a${ `b${ 'c' }` }d`; if (x) /re/.test(x);",
        "a = 1\nb = 2\nc = 3\n" + string.Concat(Enumerable.Repeat("x = y = z\n", 2000)),
        string.Concat(Enumerable.Repeat("if (a) { b = c ? d : e; } else { f = g => h; }\n", 2000)),
        "switch (a) {" + string.Concat(Enumerable.Range(0, 2000).Select(i => $" case {i}:")) + " break; }",
        string.Concat(Enumerable.Repeat("var o = { a: 1, b: -2, c: !d, e: typeof f };\n", 2000)),
    };

    [Theory]
    [MemberData(nameof(TrickySources))]
    public void Strings_comments_regexes_and_long_flat_code_do_not_count_as_nesting(string source)
    {
        Assert.True(SourceNestingScanner.FindDeepest(source).Depth < 20, $"depth {SourceNestingScanner.FindDeepest(source).Depth}");
    }

    /// <summary>Parses on a pool-sized thread; Jint refusing the script (its own 256-level walker limit) is fine, a crash is not.</summary>
    private static void ParsesOrIsRefusedCleanly(string source)
    {
        var (_, error) = HardenedEngine.OnPoolThread(() =>
        {
            try
            {
                return Engine.PrepareScript(source);
            }
            catch (ScriptPreparationException)
            {
                return default;
            }
        });

        HardenedEngine.Rethrow(error);
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
