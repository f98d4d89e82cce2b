using System.Globalization;

namespace Portal.Benchmarks;

internal static class Program
{
    private const string Usage = """
        usage:
          seed   --db <path.db> [--organisations 10] [--members 100] [--audit 1000] [--password <p>] [--verify]
          signin [--seconds 10] [--concurrency 8] [--users 300]
          profile [--seconds 10] [--concurrency 16] [--users 100000] [--hot 100]
          members [--members 100000] [--seconds 10]
          mail   [--members 100000] [--messages 100000]
          export [--audit 10000] [--signins 1000] [--runs 5]
          purge [--accounts 10000] [--organisations 10] [--audit 100000]
        """;

    public static async Task<int> Main(string[] args)
    {
        // Numbers in the printed tables look the same on every machine.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var command = args.Length > 0 ? args[0] : "";
            var options = new CommandOptions(args.Skip(1));
            return command switch
            {
                "seed" => await SeedCommand.RunAsync(options, Console.Out),
                "signin" => await SignInThroughput.RunAsync(options, Console.Out),
                "profile" => await ProfileThroughput.RunAsync(options, Console.Out),
                "members" => await MemberDirectoryLatency.RunAsync(options, Console.Out),
                "mail" => await MailThroughput.RunAsync(options, Console.Out),
                "export" => await DataExportTime.RunAsync(options, Console.Out),
                "purge" => await PurgeTime.RunAsync(options, Console.Out),
                _ => throw new UsageException($"Unknown command '{command}'."),
            };
        }
        catch (UsageException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or HttpRequestException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"Failed: {exception}");
            return 1;
        }
    }
}
