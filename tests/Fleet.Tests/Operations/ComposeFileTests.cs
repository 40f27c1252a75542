using System.Diagnostics;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// compose/docker-compose.yml validates with <c>docker-compose config</c> against .env.example, and names nothing that
/// does not exist (scripts/check-compose.sh); the check itself refuses the mistakes it is there to catch.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string _compose = Path.Combine(Repository.Root, "compose", "docker-compose.yml");

    [Fact]
    public async Task The_compose_file_validates_and_names_only_what_exists()
    {
        var (exitCode, output) = await CheckAsync("compose/docker-compose.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cluster_override_validates_with_the_main_file_and_points_the_workers_at_every_node()
    {
        var (exitCode, output) = await CheckAsync("compose/docker-compose.yml:compose/docker-compose.cluster.yml");
        Assert.True(exitCode == 0, output);
        Assert.Contains("is valid: 12 services", output, StringComparison.Ordinal);

        var (_, resolved) = await RunAsync("docker-compose",
            "-f", "compose/docker-compose.yml", "-f", "compose/docker-compose.cluster.yml", "--env-file", "compose/.env.example", "config");
        Assert.Contains("ConnectionStrings__RabbitMq: amqp://isolated:change-me-rabbitmq@rabbitmq:5672,rabbitmq2:5672,rabbitmq3:5672/", resolved, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Redis: redis:6379,redis2:6379,redis3:6379,redis4:6379,redis5:6379,redis6:6379,password=change-me-redis", resolved, StringComparison.Ordinal);
        Assert.Contains("--cluster-enabled", resolved, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "FUNCTIONS_DIR:?", "UNDECLARED_DIR:?", "UNDECLARED_DIR is used but not defined in compose/.env.example" },
        { "${REDIS_PASSWORD:?set it in compose/.env}\", \"--save\"", "${REDIS_PASSWORD:-secret}\", \"--save\"", "must be required" },
        { "dockerfile: compose/worker.Dockerfile\n      target: worker", "dockerfile: compose/missing.Dockerfile\n      target: worker", "missing.Dockerfile does not exist" },
        { "target: worker", "target: nowhere", "build target nowhere is not a stage" },
        { "image: ${REDIS_IMAGE:?set it in compose/.env}", "image: redis", "must be pinned" },
        { "        DOTNET_RUNTIME_IMAGE: ${DOTNET_RUNTIME_IMAGE:?set it in compose/.env}\n", "", "base image from the build argument DOTNET_RUNTIME_IMAGE, which build.args does not set" },
        { "    expose:\n      - \"8080\"", "    ports:\n      - \"8080:8080\"\n    expose:\n      - \"8080\"", "must not publish host ports" },
        { "    read_only: true\n    tmpfs:\n      - /tmp:size=64m", "    container_name: worker\n    read_only: true\n    tmpfs:\n      - /tmp:size=64m", "must not have a container_name" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task The_check_refuses_a_compose_file_with_a_mistake(string original, string mistake, string expected)
    {
        var text = await File.ReadAllTextAsync(_compose);
        Assert.Contains(original, text, StringComparison.Ordinal);

        // Beside the real file, so that its relative build context and mounts resolve the same way.
        var broken = Path.Combine(Repository.Root, "compose", $".broken-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(broken, text.Replace(original, mistake, StringComparison.Ordinal));
        try
        {
            var (exitCode, output) = await CheckAsync(Path.GetRelativePath(Repository.Root, broken));

            Assert.True(exitCode == 1, output);
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private static Task<(int ExitCode, string Output)> CheckAsync(string composeFile) =>
        RunAsync("bash", "scripts/check-compose.sh", composeFile, "compose/.env.example");

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
