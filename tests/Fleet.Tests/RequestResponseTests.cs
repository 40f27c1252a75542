using System.Text.Json;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A producer asks with the typed client and gets the run's result, or its fault, over RabbitMQ.</summary>
[Collection(FleetCollection.Name)]
public sealed class RequestResponseTests(FleetServices services) : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    public sealed record Person(string Name, int Age);

    public sealed record Greeted(string Greeting, int Age);

    [Fact]
    public async Task A_completed_run_answers_its_typed_result()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var sum = await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [2, 3] });
        var greeting = await fleet.Client.RunAsync<Greeted>(
            new RunRequest { Root = "math", File = "index.js", FuncName = "greet", Args = [new Person("Ada", 36)] });

        Assert.Equal(5, sum);
        Assert.Equal(new Greeted("hello Ada", 37), greeting);
    }

    [Fact]
    public async Task The_raw_answer_carries_logs_duration_and_the_worker()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var reply = await fleet.Client.RunAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "logs", Args = [7] });

        Assert.True(reply.IsCompleted);
        Assert.Equal(7, reply.Completed!.Result!.Value.GetInt32());
        Assert.Equal([new ConsoleEntry("log", "counting 7")], reply.Logs);
        Assert.Equal(FleetHarness.WorkerId(fleet.Name, 0), reply.WorkerId);
        Assert.False(reply.FromCache);
        Assert.True(reply.DurationMs >= 0);
    }

    public static TheoryData<string, string, RunErrorKind> Faults => new()
    {
        { "index.js", "throws", RunErrorKind.UserError },
        { "index.js", "spins", RunErrorKind.Timeout },
        { "index.js", "hoards", RunErrorKind.MemoryLimit },
        { "index.js", "recurses", RunErrorKind.RecursionLimit },
        { "index.js", "bigint", RunErrorKind.ResultNotSerializable },
        { "index.js", "missingModule", RunErrorKind.ModuleNotFound },
        { "index.js", "fs", RunErrorKind.ModuleNotFound },
        { "index.js", "noSuchFunction", RunErrorKind.FunctionNotFound },
        { "missing.js", "f", RunErrorKind.ModuleNotFound },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_fault_kind_crosses_the_wire_as_a_typed_exception(string file, string function, RunErrorKind kind)
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var fault = await Assert.ThrowsAsync<RunFaultedException>(() => fleet.Client.RunAsync<JsonElement>(new RunRequest
        {
            Root = "faults",
            File = file,
            FuncName = function,
            Timeout = TimeSpan.FromMilliseconds(500),
            MemoryLimitBytes = 16 * 1024 * 1024,
        }));

        Assert.Equal(kind, fault.Kind);
        Assert.False(string.IsNullOrEmpty(fault.ErrorName));
        Assert.False(string.IsNullOrEmpty(fault.Message));
        Assert.DoesNotContain(_codeBase.Root, fault.Message + fault.ScriptStack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_error_carries_its_name_message_stack_and_logs()
    {
        _codeBase.With("logged/index.js", "exports.fail = () => { console.warn('about to fail'); throw new RangeError('out of range'); };");
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var fault = await Assert.ThrowsAsync<RunFaultedException>(() =>
            fleet.Client.RunAsync<int>(new RunRequest { Root = "logged", File = "index.js", FuncName = "fail" }));

        Assert.Equal(RunErrorKind.UserError, fault.Kind);
        Assert.Equal("RangeError", fault.ErrorName);
        Assert.Equal("out of range", fault.Message);
        Assert.Contains("index.js", fault.ScriptStack, StringComparison.Ordinal);
        Assert.Equal([new ConsoleEntry("warn", "about to fail")], fault.Logs);
    }

    [Fact]
    public async Task A_run_that_times_out_leaves_the_worker_serving()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var spinning = await fleet.Client.RunAsync(new RunRequest
        {
            Root = "faults",
            File = "index.js",
            FuncName = "spins",
            Timeout = TimeSpan.FromMilliseconds(300),
        });
        var after = await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [1, 1] });

        Assert.Equal(RunErrorKind.Timeout, spinning.Faulted?.Kind);
        Assert.Equal(2, after);
    }

    [Fact]
    public async Task Inline_sources_run_without_a_root()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var result = await fleet.Client.RunAsync<string>(new RunRequest
        {
            Sources = new Dictionary<string, string>
            {
                ["index.js"] = "const twice = (s) => s + s; exports.run = (s) => twice(s);",
            },
            File = "index.js",
            FuncName = "run",
            Args = ["ab"],
        });

        Assert.Equal("abab", result);
    }

    public void Dispose() => _codeBase.Dispose();
}
