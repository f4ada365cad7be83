package dev.mcpulse.template;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the constant pool of one class file: the string constants it uses and the methods it calls. Enough to
 * tell which configuration properties a jar reads and which AWS SDK operations it invokes, without running it.
 */
record ClassConstants(List<String> strings, List<MethodRef> methodRefs) {

    record MethodRef(String owner, String name) {
    }

    static ClassConstants read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[] stringIndex = new int[count];
        int[][] refs = new int[count][];
        int[][] nameAndType = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8 -> stringIndex[i] = in.readUnsignedShort();
                case 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> nameAndType[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 9, 3, 4, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // longs and doubles take two slots
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 16, 19, 20 -> in.readUnsignedShort();
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> strings = new ArrayList<>();
        List<MethodRef> methods = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (stringIndex[i] != 0) {
                strings.add(utf8[stringIndex[i]]);
            }
            if (refs[i] != null) {
                String owner = utf8[classNameIndex[refs[i][0]]];
                String name = utf8[nameAndType[refs[i][1]][0]];
                methods.add(new MethodRef(owner, name));
            }
        }
        return new ClassConstants(strings, methods);
    }
}
