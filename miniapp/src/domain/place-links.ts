/**
 * Links that take a citizen to a desk: a phone call and directions in the phone's maps. Google Maps' universal
 * directions link opens the maps app on Android and iOS (or the web when it is missing) at the coordinates; without
 * coordinates it searches the name and address.
 */
export type Reachable = { name: string; address: string | null; phone: string | null; latitude: number | null; longitude: number | null };

export function telHref(phone: string | null | undefined): string | null {
  const digits = (phone ?? "").replace(/[^\d+]/g, "");
  return digits.length >= 3 ? `tel:${digits}` : null;
}

export function directionsUrl(place: Reachable): string | null {
  const url = new URL("https://www.google.com/maps/dir/");
  url.searchParams.set("api", "1");
  if (place.latitude !== null && place.longitude !== null) {
    url.searchParams.set("destination", `${place.latitude},${place.longitude}`);
  } else if (place.address) {
    url.searchParams.set("destination", `${place.name}, ${place.address}`);
  } else {
    return null;
  }
  return url.toString();
}
