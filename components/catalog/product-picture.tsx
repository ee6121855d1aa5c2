import Image from "next/image";
import { cn } from "@/components/ui/cn";

/**
 * A product's 4:3 picture through next/image, sized for its column, or its
 * initial on a soft tile when it has none. `load`: "lazy" below the fold,
 * "eager" for what is in the first screen, "preload" for the page's main picture.
 */
export function ProductPicture({ name, picture, alt = "", sizes, load = "lazy", className }: { name: string; picture: string | null; alt?: string; sizes: string; load?: "lazy" | "eager" | "preload"; className?: string }) {
  if (!picture) {
    return (
      <div aria-hidden="true" className={cn("grid aspect-[4/3] w-full place-items-center bg-gradient-to-br from-accent-50 to-zinc-100 text-4xl font-semibold text-accent-600/70", className)}>
        {name.slice(0, 1).toUpperCase()}
      </div>
    );
  }
  return <Image src={picture} alt={alt} width={800} height={600} sizes={sizes} {...(load === "preload" ? { preload: true } : { loading: load })} className={cn("aspect-[4/3] w-full bg-zinc-100 object-cover", className)} />;
}
