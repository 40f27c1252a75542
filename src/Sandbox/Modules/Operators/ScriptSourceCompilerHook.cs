using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.RunState;
using Jint;
using Jint.Native.Function;

namespace IsolatedRuntime.Sandbox.Modules.Operators;

/// <summary>
/// The seed's <c>compilerModulePath</c>: a module exporting <c>(code, filename) =&gt; code</c>. Only called for
/// sources not compiled before (outputs are cached by input), each time in a fresh engine.
/// </summary>
internal sealed class ScriptSourceCompilerHook(OperatorScript script) : ISourceCompilerHook
{
    public string Compile(string code, string fileName, RunContext context)
    {
        var module = script.Load(context);
        if (module.Exports is not Function compile)
        {
            throw new OperatorFailureException("the compiler module does not export a function (code, filename) => code");
        }

        var compiled = module.Call(compile, code, fileName);
        return compiled.IsString()
            ? compiled.AsString()
            : throw new OperatorFailureException($"it returned {OperatorModule.DescribeType(compiled)}, not source text");
    }
}
