using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Paths;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// The <c>fs</c> built-in (<c>Builtins/fs.js</c>). Under <see cref="HostModulePolicy.ReadOnlyFileSystem"/> its read
/// functions reach the run's jail through three host functions — <c>stat</c>, <c>read</c>, <c>list</c> — that take a
/// virtual path and place it exactly as <c>require</c> does (<see cref="ModuleFileSystem"/>: root and whitelisted
/// folders, every link followed, nothing outside); under <see cref="HostModulePolicy.Denied"/> it gets no host at all.
/// </summary>
internal sealed class FileSystemBuiltinModule(bool readable) : IBuiltinModule
{
    // errno values the script turns into Node's errors.
    private const int _noEntry = -2;
    private const int _notDirectory = -20;
    private const int _isDirectory = -21;
    private const int _tooLarge = -27;

    private readonly ScriptBuiltinModule _script = new("fs");

    public string Name => "fs";

    public IReadOnlyList<string> Aliases { get; } = ["fs"];

    public JsValue Load(IBuiltinModuleHost host)
    {
        var factory = (ObjectInstance)_script.Load(host);
        return factory.Call(JsValue.Undefined, [readable ? Bindings(host.Engine, host.Files, host.MaxFileBytes) : JsValue.Null]);
    }

    private static JsObject Bindings(Engine engine, ModuleFileSystem files, int maxBytes)
    {
        var bindings = new JsObject(engine);
        bindings.FastSetDataProperty("stat", new ClrFunction(engine, "stat", (_, args) => Stat(engine, files, Place(files, args.At(0)))));
        bindings.FastSetDataProperty("read", new ClrFunction(engine, "read", (_, args) => Read(Place(files, args.At(0)), maxBytes)));
        bindings.FastSetDataProperty("list", new ClrFunction(engine, "list", (_, args) => List(engine, files, Place(files, args.At(0)))));
        return bindings;
    }

    // The script hands over a path it resolved against '/'; anything else (or a path climbing above '/') is missing.
    private static VirtualEntry Place(ModuleFileSystem files, JsValue path) =>
        path.IsString() && path.AsString() is var text && !text.Contains('\0', StringComparison.Ordinal)
            && PosixPath.Normalize(text) is { } normalized
            ? files.Probe(normalized)
            : VirtualEntry.Missing;

    private static JsValue Stat(Engine engine, ModuleFileSystem files, VirtualEntry entry)
    {
        if (entry.Kind == HostEntryKind.Missing)
        {
            return JsValue.Null;
        }

        var info = new JsObject(engine);
        info.FastSetDataProperty("kind", entry.IsDirectory ? "directory" : "file");
        info.FastSetDataProperty("size", entry.File?.Host?.Length ?? System.Text.Encoding.UTF8.GetByteCount(entry.File?.InlineText ?? ""));
        info.FastSetDataProperty("mtimeMs", ModifiedMs(files, entry));
        info.FastSetDataProperty("path", entry.Path);
        return info;
    }

    private static double ModifiedMs(ModuleFileSystem files, VirtualEntry entry)
    {
        var hostPath = entry.File?.Host?.RealPath ?? (entry.IsDirectory ? files.DescribeDirectory(entry.Path) : null);
        if (hostPath is null || !Path.IsPathFullyQualified(hostPath))
        {
            return 0;
        }

        try
        {
            return (File.GetLastWriteTimeUtc(hostPath) - DateTime.UnixEpoch).TotalMilliseconds;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }

    private static JsValue Read(VirtualEntry entry, int maxBytes)
    {
        if (entry.File is not { } file)
        {
            return entry.IsDirectory ? _isDirectory : _noEntry;
        }

        var bytes = ModuleFileSystem.ReadBytes(file, maxBytes);
        if (bytes is null)
        {
            return (file.Host?.Length ?? 0) > maxBytes ? _tooLarge : _noEntry;
        }

        return string.Create(bytes.Length, bytes, static (span, b) =>
        {
            for (var i = 0; i < b.Length; i++)
            {
                span[i] = (char)b[i];
            }
        });
    }

    private static JsValue List(Engine engine, ModuleFileSystem files, VirtualEntry entry)
    {
        if (!entry.IsDirectory)
        {
            return entry.Kind == HostEntryKind.Missing ? _noEntry : _notDirectory;
        }

        var names = new List<JsValue>();
        foreach (var (name, kind) in files.List(entry.Path))
        {
            names.Add(new JsArray(engine, [name, kind == HostEntryKind.Directory ? "directory" : "file"]));
        }

        return new JsArray(engine, [.. names]);
    }
}
