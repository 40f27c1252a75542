using IsolatedRuntime.Sandbox.RunState;

namespace IsolatedRuntime.Sandbox.Modules.Hooks;

/// <summary>The operator's source transform, whichever form it was given in (JavaScript module or .NET type).</summary>
internal interface ISourceCompilerHook
{
    /// <summary>Returns the code to parse in place of <paramref name="code"/>.</summary>
    /// <exception cref="OperatorFailureException">The compiler threw or returned something other than a string.</exception>
    string Compile(string code, string fileName, RunContext context);
}
