using IsolatedRuntime.Client;
using IsolatedRuntime.Client.Requests;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>The client refuses, before sending, any value that would not come back the same through JSON.</summary>
public sealed class ClientArgumentTests
{
    public sealed class PrivateState
    {
        public int Value { get; private set; }

        public PrivateState Set(int value)
        {
            Value = value;
            return this;
        }
    }

    public sealed record Point(int X, int Y);

    public static TheoryData<object?, string> Unsendable => new()
    {
        { double.NaN, "Argument 1" },
        { double.PositiveInfinity, "Argument 1" },
        { new Func<int>(() => 1), "Argument 1" },
        { new PrivateState().Set(7), "Argument 1" },
        { new MemoryStream(), "Argument 1" },
    };

    [Theory]
    [MemberData(nameof(Unsendable))]
    public void A_value_that_cannot_round_trip_through_JSON_is_refused_naming_the_argument(object? value, string named)
    {
        var refusal = Assert.Throws<ArgumentException>(() =>
            RunRequestBuilder.Build(new RunRequest { Root = "math", File = "index.js", FuncName = "f", Args = [1, value] }, "request"));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be sent as JSON", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_data_is_sent_as_camelCase_JSON()
    {
        var message = RunRequestBuilder.Build(new RunRequest
        {
            Root = "math",
            File = "index.js",
            FuncName = "f",
            Args = [1, "two", new Point(3, 4), new Dictionary<string, object> { ["k"] = new[] { 5 } }, null],
            Context = new { Greeting = "Hi" },
        }, "request");

        Assert.Equal("""[1,"two",{"x":3,"y":4},{"k":[5]},null]""", message.Args!.Value.GetRawText());
        Assert.Equal("Hi", message.Context!.Value.GetProperty("greeting").GetString());
        Assert.NotEqual(Guid.Empty, message.CorrelationId);
    }

    [Fact]
    public void A_context_that_is_not_an_object_is_refused()
    {
        var refusal = Assert.Throws<ArgumentException>(() =>
            RunRequestBuilder.Build(new RunRequest { Root = "math", File = "index.js", FuncName = "f", Context = new[] { 1 } }, "request"));

        Assert.Contains("context must be an object", refusal.Message, StringComparison.Ordinal);
    }
}
