using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.RunState;

namespace IsolatedRuntime.Sandbox.Modules.Operators;

/// <summary>Adapts a registered <see cref="ISourceCompiler"/>.</summary>
internal sealed class ClrSourceCompilerHook(ISourceCompiler compiler) : ISourceCompilerHook
{
    public string Compile(string code, string fileName, RunContext context)
    {
        string? compiled;
        try
        {
            compiled = compiler.Compile(code, fileName);
        }
        catch (Exception ex) when (!OperatorFailureException.IsRunBudget(ex))
        {
            throw new OperatorFailureException(ex.Message, ex);
        }

        return compiled ?? throw new OperatorFailureException("it returned null instead of source text");
    }
}
