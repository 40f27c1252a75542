namespace IsolatedRuntime.Sandbox.Serialization;

/// <summary>The function's result cannot be sent as JSON. The message says why and where in the value.</summary>
internal sealed class ResultNotSerializableException(string reason, string errorName) : Exception(reason)
{
    /// <summary>The JavaScript error name <c>JSON.stringify</c> would have thrown (<c>TypeError</c>, <c>RangeError</c>).</summary>
    public string ErrorName { get; } = errorName;
}
