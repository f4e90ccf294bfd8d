using System.Diagnostics;

namespace Wechat.Host.Tests.Security;

/// <summary>The built host (src/Wechat.Host's output of this configuration) run as a process, as an operator runs it.</summary>
internal static class HostCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string environment, IReadOnlyDictionary<string, string> settings, string? input, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, settings, args)) ?? throw new InvalidOperationException("could not start the host");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"host {string.Join(' ', args)} did not exit: {await output} {await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The web host serving on <paramref name="baseUrl"/> until the returned process is killed.</summary>
    public static async Task<Process> ServeAsync(string environment, IReadOnlyDictionary<string, string> settings, string baseUrl)
    {
        var info = StartInfo(environment, settings, []);
        info.Environment["ASPNETCORE_URLS"] = baseUrl;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the host");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Generous: the test suite runs projects side by side on two cores.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 360; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"host exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync(baseUrl + "/ping")).IsSuccessStatusCode) return process;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("host did not answer /ping in 3 minutes");
    }

    private static ProcessStartInfo StartInfo(string environment, IReadOnlyDictionary<string, string> settings, string[] args)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var web = Path.Combine(root, "src", "Wechat.Host");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(web, "bin", configuration, "net10.0", "Wechat.Host.dll"), .. args])
        {
            WorkingDirectory = web,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing inherited from the test run's environment decides the outcome but what is given here.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                     || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return start;
    }

    public static Dictionary<string, string> TestDatabase() => new()
    {
        ["ConnectionStrings__Fund"] = Environment.GetEnvironmentVariable("ConnectionStrings__Fund") ?? FundHostFactory.TestDatabase,
        ["ConnectionStrings__Redis"] = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379",
    };

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WechatFund.sln"))) return dir.FullName;
        throw new InvalidOperationException("WechatFund.sln not found above " + AppContext.BaseDirectory);
    }
}
