using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.RunState;
using Jint;
using Jint.Native;
using Jint.Native.Function;

namespace IsolatedRuntime.Sandbox.Modules.Operators;

/// <summary>
/// The seed's <c>resolverModulePath</c>: a module exporting <c>(resolverOptions) =&gt; (name, fromDir) =&gt; path | null</c>.
/// The factory is called once per run that needs it, with the run's <c>resolverOptions</c>.
/// </summary>
internal sealed class ScriptModuleResolverHook(OperatorScript script) : IModuleResolverHook
{
    private const string _shape = "(resolverOptions) => (name, fromDir) => path | null";

    public IModuleResolverSession Begin(RunContext context) => new Session(script, context);

    private sealed class Session(OperatorScript script, RunContext context) : IModuleResolverSession
    {
        private OperatorModule? _module;
        private JsValue? _resolve;

        public string? Resolve(string request, string fromDirectory)
        {
            var (module, resolve) = Open();
            var answer = module.Call(resolve, request, fromDirectory);
            if (answer.IsNull() || answer.IsUndefined())
            {
                return null;
            }

            return answer.IsString()
                ? answer.AsString()
                : throw new OperatorFailureException($"it returned {OperatorModule.DescribeType(answer)}, not a path or null");
        }

        private (OperatorModule Module, JsValue Resolve) Open()
        {
            if (_module is null || _resolve is null)
            {
                var module = script.Load(context);
                if (module.Exports is not Function factory)
                {
                    throw new OperatorFailureException($"the resolver module does not export a factory {_shape}");
                }

                var resolve = module.Call(factory, module.FromJson(context.Run.ResolverOptions));
                if (resolve is not Function)
                {
                    throw new OperatorFailureException($"the resolver factory returned {OperatorModule.DescribeType(resolve)}, not a function; export {_shape}");
                }

                (_module, _resolve) = (module, resolve);
            }

            return (_module, _resolve);
        }
    }
}
