using System.Runtime.CompilerServices;
using IsolatedRuntime.Contracts;
using Jint.Native;

namespace IsolatedRuntime.Sandbox.RunState;

/// <summary>
/// Remembers which JavaScript error objects the sandbox itself threw, and of what kind. A loader error stays a
/// normal, catchable JavaScript error (so <c>try { require('x') } catch {}</c> works as in Node); only if it
/// escapes uncaught does its tag decide the run's <see cref="RunErrorKind"/>. Identity, not name, decides:
/// user code throwing its own <c>SyntaxError</c> is still a <see cref="RunErrorKind.UserError"/>.
/// </summary>
internal sealed class RunFaultTags
{
    // Built on first use: most runs never tag anything, and a weak table is costly to create and to collect.
    private ConditionalWeakTable<JsValue, StrongBox<RunErrorKind>>? _tags;

    /// <summary>Marks <paramref name="error"/> as thrown by the sandbox for <paramref name="kind"/>.</summary>
    public JsValue Tag(JsValue error, RunErrorKind kind)
    {
        if (Volatile.Read(ref _tags) is null)
        {
            Interlocked.CompareExchange(ref _tags, [], null);
        }

        _tags!.AddOrUpdate(error, new StrongBox<RunErrorKind>(kind));
        return error;
    }

    /// <summary>The kind <paramref name="thrown"/> was tagged with, if the sandbox threw it.</summary>
    public bool TryGetKind(JsValue thrown, out RunErrorKind kind)
    {
        if (Volatile.Read(ref _tags) is { } tags && tags.TryGetValue(thrown, out var box))
        {
            kind = box.Value;
            return true;
        }

        kind = default;
        return false;
    }
}
