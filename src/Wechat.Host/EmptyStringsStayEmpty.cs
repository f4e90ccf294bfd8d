using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Wechat.Host;

/// <summary>
/// MVC turns an empty form value into null by default; our page models declare non-nullable strings, and a
/// citizen who taps a button before typing should get a Chinese message, not a NullReferenceException.
/// </summary>
internal sealed class EmptyStringsStayEmpty : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key.ModelType == typeof(string)) context.DisplayMetadata.ConvertEmptyStringToNull = false;
    }
}
