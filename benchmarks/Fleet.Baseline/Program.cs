using System.CommandLine;
using IsolatedRuntime.Fleet.Baseline;

// The floor under the fleet's figures (docs/benchmarks.md, Fleet): the worker's and the client's MassTransit
// request/response with the same messages and settings, and nothing else: no Redis, no sandbox, no claims.
//   fleet-baseline serve AMQP_URI [QUEUE] [--quorum]                answers every RunRequested with a fixed RunCompleted
//   fleet-baseline bench AMQP_URI COUNT CONCURRENCY [WARMUP] [QUEUE]  requests with COUNT runs, CONCURRENCY in flight
const string defaultQueue = "baseline-run-requested";

var broker = new Argument<string>("AMQP_URI") { Description = "The broker, amqp://user:pass@host:port/vhost." };
var queue = new Argument<string>("QUEUE") { Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => defaultQueue };
var count = Positive(new Argument<int>("COUNT") { Description = "Measured runs." });
var concurrency = Positive(new Argument<int>("CONCURRENCY") { Description = "Runs in flight at once." });
var warmup = new Argument<int>("WARMUP") { Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => 0, Description = "Runs sent first and not counted." };

var quorum = new Option<bool>("--quorum")
{
    Description = "Declare the queue as a quorum queue, as the workers do by default (IsolatedRuntime__QueueType=Auto); " +
        "without it the queue is classic, MassTransit's default.",
};
var serve = new Command("serve", "Answer every RunRequested with a fixed RunCompleted.") { broker, queue, quorum };
serve.SetAction(parsed => Guarded(() => BaselineServer.RunAsync(
    parsed.GetRequiredValue(broker), parsed.GetRequiredValue(queue), parsed.GetValue(quorum))));
var bench = new Command("bench", "Send COUNT runs with CONCURRENCY in flight; print the bench's JSON keys.") { broker, count, concurrency, warmup, queue };
bench.SetAction(parsed => Guarded(() => BaselineBench.RunAsync(
    parsed.GetRequiredValue(broker), parsed.GetValue(count), parsed.GetValue(concurrency), parsed.GetValue(warmup), parsed.GetRequiredValue(queue))));

var parsed = new RootCommand("Bare MassTransit request/response with the fleet's own messages.") { serve, bench }.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }

    await Console.Error.WriteLineAsync("usage: fleet-baseline serve AMQP_URI [QUEUE] [--quorum] | bench AMQP_URI COUNT CONCURRENCY [WARMUP] [QUEUE]");
    return 2;
}

return await parsed.InvokeAsync();

static Argument<int> Positive(Argument<int> argument)
{
    argument.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() <= 0)
        {
            result.AddError($"{result.Argument.Name} must be a positive whole number.");
        }
    });
    return argument;
}

static async Task<int> Guarded(Func<Task<int>> run)
{
    try
    {
        return await run();
    }
    catch (ArgumentException ex)
    {
        // A malformed broker URI: the connection's own message says what to fix.
        await Console.Error.WriteLineAsync(ex.Message);
        return 2;
    }
}
