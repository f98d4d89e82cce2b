namespace Portal.Tests.Profiles.Photos;

/// <summary>The CRC-32 that ends every PNG chunk, for chunks the tests splice into real files.</summary>
internal static class TestCrc32
{
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = uint.MaxValue;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }
}
