package dev.opsdeck.desktop.x11;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The picture on an Xvfb screen, read from the framebuffer file Xvfb keeps with {@code -fbdir} (an XWD image it
 * updates as it draws), written as PNG for a person to look at. No screenshot program is needed: what is read is
 * exactly what the X server holds, window manager's frames and all.
 */
final class ScreenFile {

    private ScreenFile() {
    }

    /**
     * Writes {@code xwd} (a 24/32-bit TrueColor ZPixmap, as Xvfb writes it) to {@code png}.
     *
     * @return whether the picture has something drawn on it (more than a few colours in the screen's middle half, below any title bar)
     */
    static boolean toPng(Path xwd, Path png) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(xwd)).order(ByteOrder.BIG_ENDIAN);
        int headerSize = b.getInt(0);
        int width = b.getInt(16);
        int height = b.getInt(20);
        int byteOrder = b.getInt(28); // 0: least significant byte first
        int bitsPerPixel = b.getInt(44);
        int bytesPerLine = b.getInt(48);
        int redMask = b.getInt(56);
        int greenMask = b.getInt(60);
        int blueMask = b.getInt(64);
        int colours = b.getInt(76);
        if (bitsPerPixel != 32) {
            throw new IOException("only 32 bits per pixel are read here, not " + bitsPerPixel);
        }
        int pixels = headerSize + colours * 12;
        b.order(byteOrder == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = b.getInt(pixels + y * bytesPerLine + x * 4);
                int rgb = (channel(p, redMask) << 16) | (channel(p, greenMask) << 8) | channel(p, blueMask);
                img.setRGB(x, y, rgb);
                if (seen.size() <= 64 && y > height / 4 && y < height * 3 / 4) { // not the title bars
                    seen.add(rgb);
                }
            }
        }
        Files.createDirectories(png.getParent());
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        return seen.size() > 64;
    }

    private static int channel(int pixel, int mask) {
        return ((pixel & mask) >>> Integer.numberOfTrailingZeros(mask)) & 0xff;
    }
}
