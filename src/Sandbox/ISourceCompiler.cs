namespace IsolatedRuntime.Sandbox;

/// <summary>
/// A .NET source transform registered by the operator: the in-process counterpart of the seed's
/// <c>compilerModulePath</c> (e.g. a transpiler). Applied to every module source before parsing; its output is
/// cached by input, so it must be a pure function of its arguments.
/// </summary>
public interface ISourceCompiler
{
    /// <summary>Returns the source to run in place of <paramref name="code"/>.</summary>
    /// <param name="code">The module's source text.</param>
    /// <param name="fileName">The module's root-relative file name.</param>
    string Compile(string code, string fileName);
}
