import Image from "next/image";
import { cn } from "@/components/ui/cn";

/**
 * A product's 4:3 picture through next/image (lazy unless `priority`, sized
 * for its column), or its initial on a soft tile when it has none.
 */
export function ProductPicture({ name, picture, alt = "", sizes, priority = false, className }: { name: string; picture: string | null; alt?: string; sizes: string; priority?: boolean; className?: string }) {
  if (!picture) {
    return (
      <div aria-hidden="true" className={cn("grid aspect-[4/3] w-full place-items-center bg-gradient-to-br from-accent-50 to-zinc-100 text-4xl font-semibold text-accent-600/70", className)}>
        {name.slice(0, 1).toUpperCase()}
      </div>
    );
  }
  return <Image src={picture} alt={alt} width={800} height={600} sizes={sizes} priority={priority} className={cn("aspect-[4/3] w-full bg-zinc-100 object-cover", className)} />;
}
